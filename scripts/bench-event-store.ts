// Benchmarks the event store against a real Postgres, in a scratch database it creates and drops, each figure beside a
// ceiling measured in the same run on the same server, and the ratio:
//   npm run bench:event-store [-- --streams 1000 --stream-events 10 --writers 16 --hot-seconds 5 --json]
// DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the role needs CREATEDB.
// Figures are printed next to their targets, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Command, Decider, DomainEvent } from '@app/domain-kernel';
import { preparedQuery } from '@app/platform';
import {
  builtinProjections,
  CommandHandler,
  createLogSequencer,
  EventStore,
  eventStoreMigrations,
  LOG_START,
  positionOf,
  ProjectionRebuilder,
  readCommittedEvents,
  VersionConflictError,
  type InlineProjection,
  type LogPosition,
  type RecordedEvent,
} from '@app/event-store';
import { fmt, numberArgument, exitOnHelp, parseOptions } from './cli-support';
import * as bench from './bench-support';

const SCHEMA = 'bench';
/** The targets, each a share of a ceiling measured in the same run on the same server (never asserted). */
const TARGETS = {
  /** Single-event appends across streams, as a share of plain single-row INSERTs of the same rows. */
  appendShareOfInserts: 0.5,
  /** Commands (load, decide, append one event), as a share of the same INSERT ceiling. */
  commandShareOfInserts: 0.35,
  /** One hot stream's command latency, p99. */
  hotStreamP99Ms: 50,
  /** A rebuild, as a share of reading, parsing and folding the same events with no writes. */
  rebuildShareOfRead: 0.5,
};

// ---------- options ----------

const USAGE = `usage: npm run bench:event-store -- [--streams 1000] [--stream-events 10] [--writers 16]
  [--command-seconds 4] [--hot-seconds 5] [--hot-writers 8] [--wake-up-ms 5] [--pool 24] [--json]`;

const numberOption = (values: Record<string, unknown>, name: string, fallback: number, min = 1) =>
  numberArgument(values, name, fallback, min, USAGE);

function readOptions() {
  const values: Record<string, string | boolean | undefined> = parseOptions(
    USAGE,
    'streams stream-events writers command-seconds hot-seconds hot-writers wake-up-ms pool',
    { json: { type: 'boolean', default: false } },
  );
  return {
    /** a: the streams the appends (and the INSERT ceiling) write, one event at a time, and how many each gets. */
    streams: numberOption(values, 'streams', 1000),
    streamEvents: numberOption(values, 'stream-events', 10),
    /** a and c: concurrent writers. */
    writers: numberOption(values, 'writers', 16),
    commandSeconds: numberOption(values, 'command-seconds', 4, 0.1),
    /** b: one stream, many writers. */
    hotSeconds: numberOption(values, 'hot-seconds', 5, 0.1),
    hotWriters: numberOption(values, 'hot-writers', 8),
    /** The window appends share one outbox wake-up in (the services' default, 5; 0: a NOTIFY with every append). */
    wakeUpMs: numberOption(values, 'wake-up-ms', 5, 0),
    pool: numberOption(values, 'pool', 24),
    json: values.json === true,
  };
}
type Options = ReturnType<typeof readOptions>;

// ---------- the workload ----------

type CounterCommand = Command<'Count', { by: number }>;

/** Decides one road-case-like event (about 300 bytes) whatever the state; counts its decisions (retries show). */
function oneEventDecider(stats: { decisions: number }): Decider<{ version: number }, CounterCommand, DomainEvent> {
  return {
    initialState: () => ({ version: 0 }),
    evolve: (state) => ({ version: state.version + 1 }),
    decide: (_command, state) => {
      stats.decisions++;
      return caseEvents(1, state.version);
    },
  };
}

const countCommand = (): CounterCommand => ({ type: 'Count', data: { by: 1 }, metadata: bench.benchCommandMetadata() });

/** A road-case-like event of about 300 bytes. */
function caseEvents(count: number, fromVersion: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: ['RoadDefectReported', 'PhotoAttached', 'InspectionScheduled', 'DefectConfirmed', 'RepairOrdered'][
      (fromVersion + i) % 5
    ],
    data: {
      seq: fromVersion + i,
      road: 'A-2',
      km: Math.round(Math.random() * 1000) / 10,
      severity: 'high',
      note: 'pothole 40 cm wide in the right lane, reported by a citizen',
      photos: [`photo-${randomUUID()}.jpg`],
    },
  }));
}

// ---------- measuring ----------

type Latencies = Pick<bench.LatencyFigures, 'p50Ms' | 'p99Ms'>;

function latencies(samples: number[]): Latencies {
  const { p50Ms, p99Ms } = bench.latencyFigures(samples, 2);
  return { p50Ms, p99Ms };
}

/** Runs `workers` loops of `step` until `seconds` have passed or a step returns false; times each step. */
async function timedWorkers(
  workers: number,
  seconds: number,
  step: (worker: number) => Promise<boolean | void>,
): Promise<{ seconds: number; samples: number[] }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        if ((await step(worker)) === false) break;
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}

/** Each writer's share of the streams (writer w takes streams w, w + writers, …), one event at a time. */
async function overStreams(
  o: Options,
  write: (stream: number, version: number) => Promise<void>,
): Promise<{ events: number; seconds: number; eventsPerSecond: number; latency: Latencies }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.writers }, async (_, w) => {
      for (let stream = w; stream < o.streams; stream += o.writers)
        for (let version = 0; version < o.streamEvents; version++) {
          const t0 = performance.now();
          await write(stream, version);
          samples.push(performance.now() - t0);
        }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    events: samples.length,
    seconds: bench.round(seconds, 2),
    eventsPerSecond: Math.round(samples.length / seconds),
    latency: latencies(samples),
  };
}

// ---------- the phases ----------

/**
 * The ceiling: plain single-row INSERTs (each its own prepared statement and transaction) of rows like the store's,
 * into a copy of the events table with its unique (stream_id, stream_version), indexes and defaults, at the same
 * concurrency.
 */
async function insertCeiling(ds: DataSource, o: Options) {
  bench.log(`a. ceiling: plain INSERTs, ${o.writers} writers, ${fmt(o.streams)} streams x ${o.streamEvents} events`);
  await ds.query(`CREATE TABLE ${SCHEMA}.plain_inserts (LIKE ${SCHEMA}.events INCLUDING DEFAULTS INCLUDING INDEXES)`);
  const metadata = JSON.stringify({ actorId: 'bench', actorRole: 'operator', correlationId: randomUUID() });
  return overStreams(o, async (stream, version) => {
    const [event] = caseEvents(1, version);
    // Prepared, as the store's statements are: the ceiling pays no parse and plan per row that the store does not.
    await preparedQuery(
      ds,
      `INSERT INTO ${SCHEMA}.plain_inserts (event_id, stream_type, stream_id, stream_version, event_type, schema_version,
         payload, metadata, occurred_at, previous_hash, hash, recorded_at, hash_scheme)
       VALUES ($1, 'BenchCase', $2, $3, $4, 1, $5, $6, $7, $8, $9, $7, 2)`,
      [
        randomUUID(),
        `plain-${stream}`,
        version + 1,
        event.type,
        JSON.stringify(event.data),
        metadata,
        new Date(),
        randomBytes(32).toString('hex'),
        randomBytes(32).toString('hex'),
      ],
    );
  });
}

/**
 * Single-event appends across the streams, as writers do them: expected version checked, hash-chained onto the last
 * append's hash, the inline projections in the append, the outbox wake-up (a LISTEN-ing client hears it), and the
 * Merkle sequencer turning the events into log leaves as they commit.
 */
async function singleEventAppends(store: EventStore, o: Options) {
  bench.log(`a. appends: ${o.writers} writers, ${fmt(o.streams)} streams x ${o.streamEvents} single-event appends`);
  const listener = new pg.Client({ connectionString: (store.dataSource.options as { url: string }).url });
  let wakeUps = 0;
  await listener.connect();
  listener.on('notification', () => wakeUps++);
  await listener.query(`LISTEN "${SCHEMA}_events"`);
  const sequencer = createLogSequencer(store, undefined);
  sequencer.start();
  const lastHash = new Map<number, string>();
  try {
    const run = await overStreams(o, async (stream, version) => {
      const [recorded] = await store.appendToStream({
        streamType: 'BenchCase',
        streamId: `append-${stream}`,
        expectedVersion: version,
        previousHash: lastHash.get(stream),
        events: caseEvents(1, version),
        metadata: bench.benchCommandMetadata(),
      });
      lastHash.set(stream, recorded.hash);
    });
    // What the sequencer had not reached when the writers stopped: its lag, in events (drained once it is stopped).
    await sequencer.stop();
    return { ...run, wakeUps, sequencedAfterRun: await sequencer.drain() };
  } finally {
    await sequencer.stop();
    await listener.end();
  }
}

/** Commands on random streams of phase a: each loads its stream (10 events), decides one event and appends it. */
async function commandsAcrossStreams(handler: CommandHandler, o: Options, workers: number) {
  const stats = { decisions: 0 };
  const decider = oneEventDecider(stats);
  let commands = 0;
  bench.log(
    `c. commands: ${workers === 1 ? 'sequential' : `${workers} workers`} on random streams, ${o.commandSeconds} s`,
  );
  const run = await timedWorkers(workers, o.commandSeconds, async () => {
    await handler.handle({
      decider,
      streamType: 'BenchCase',
      streamId: `append-${Math.floor(Math.random() * o.streams)}`,
      command: countCommand(),
      retryOnConflict: 5,
    });
    commands++;
  });
  return {
    workers,
    commands,
    conflictsRetried: stats.decisions - commands,
    seconds: bench.round(run.seconds, 2),
    commandsPerSecond: Math.round(commands / run.seconds),
    latency: latencies(run.samples),
  };
}

async function hotStream(handler: CommandHandler, store: EventStore, o: Options) {
  const stats = { decisions: 0 };
  const decider = oneEventDecider(stats);
  const streamId = 'hot-stream';
  let commands = 0;
  let gaveUp = 0;
  bench.log(`b. hot stream: ${o.hotWriters} writers on one stream, ${o.hotSeconds} s`);
  const run = await timedWorkers(o.hotWriters, o.hotSeconds, async () => {
    try {
      await handler.handle({
        decider,
        streamType: 'BenchCase',
        streamId,
        command: countCommand(),
        retryOnConflict: 50,
      });
      commands++;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      gaveUp++;
    }
  });
  const finalVersion = await store.currentVersion(streamId);
  return {
    writers: o.hotWriters,
    commands,
    gaveUp,
    conflictsRetried: stats.decisions - commands - gaveUp,
    seconds: bench.round(run.seconds, 2),
    commandsPerSecond: Math.round(commands / run.seconds),
    latency: latencies(run.samples),
    finalStreamVersion: finalVersion,
    /** Every successful command appended exactly one event, none lost, none doubled. */
    consistent: finalVersion === commands,
  };
}

const REBUILD_BATCH = 2000;

/**
 * The ceiling of a rebuild: read every event in the rebuilder's batches and commit-safe order, parse it (upcasters
 * included) and fold it in memory (each stream's version and last type, what stream-index keeps), writing nothing.
 */
async function readCeiling(store: EventStore) {
  bench.log('d. ceiling: read, parse and fold every event, no writes');
  const started = performance.now();
  const folded = new Map<string, { version: number; type: string }>();
  let at: LogPosition = LOG_START;
  let events = 0;
  for (;;) {
    const batch: RecordedEvent[] = await readCommittedEvents(store.dataSource, store.schema, at, REBUILD_BATCH);
    if (batch.length === 0) break;
    for (const event of batch.map((e) => store.upcast(e)))
      folded.set(event.streamId, { version: event.streamVersion, type: event.type });
    at = positionOf(batch[batch.length - 1]);
    events += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    events,
    streams: folded.size,
    seconds: bench.round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
  };
}

async function rebuilds(store: EventStore) {
  const rebuilder = new ProjectionRebuilder(store);
  const results = [];
  for (const projection of builtinProjections) {
    bench.log(`d. rebuild: ${projection.name}`);
    let eventsAtStart = 0;
    const result = await rebuilder.rebuild(projection, { onProgress: (p) => (eventsAtStart = p.eventsTotal) });
    results.push({
      projection: projection.name,
      events: result.eventsRead,
      eventsInLog: eventsAtStart,
      /** A full replay reads every event the log held when it started. */
      complete: result.eventsRead >= eventsAtStart,
      seconds: bench.round(result.seconds, 2),
      eventsPerSecond: result.eventsPerSecond,
    });
  }
  return results;
}

// ---------- the report ----------

type Report = Awaited<ReturnType<typeof benchmark>>;

const share = (value: number, ceiling: number) => (ceiling > 0 ? bench.round(value / ceiling, 3) : 0);

function printFigures(r: Report): void {
  const ms = (l: Latencies) => bench.slashed([l.p50Ms, l.p99Ms], 1);
  const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
  const vsShare = (ratio: number, target: number) => `>= ${pct(target)} ${ratio >= target ? '(met)' : '(BELOW)'}`;
  const { ceiling, appends, hot, commands, read } = r;
  const rows: bench.TableRow[] = [
    [`a. ceiling: plain INSERTs, ${r.options.writers} writers`, 'events/s', fmt(ceiling.eventsPerSecond), ''],
    ['', 'INSERT p50 / p99 (ms)', ms(ceiling.latency), ''],
    [`a. single-event appends`, 'events/s', fmt(appends.eventsPerSecond), ''],
    ['', 'share of the ceiling', pct(r.ratios.appends), vsShare(r.ratios.appends, TARGETS.appendShareOfInserts)],
    ['', 'append p50 / p99 (ms)', ms(appends.latency), ''],
    ['', 'events / outbox wake-ups heard', `${fmt(appends.events)} / ${fmt(appends.wakeUps)}`, ''],
    ['', 'leaves sequenced after the run', fmt(appends.sequencedAfterRun), ''],
    [
      `c. commands, ${commands.concurrent.workers} workers`,
      'commands/s',
      fmt(commands.concurrent.commandsPerSecond),
      '',
    ],
    ['', 'share of the ceiling', pct(r.ratios.commands), vsShare(r.ratios.commands, TARGETS.commandShareOfInserts)],
    ['', 'command p50 / p99 (ms)', ms(commands.concurrent.latency), ''],
    ['', 'conflicts retried', fmt(commands.concurrent.conflictsRetried), ''],
    [`c. commands, sequential`, 'commands/s', fmt(commands.sequential.commandsPerSecond), ''],
    ['', 'command p50 / p99 (ms)', ms(commands.sequential.latency), ''],
    [`b. hot stream, ${hot.writers} writers`, 'commands/s', fmt(hot.commandsPerSecond), ''],
    [
      '',
      'command p50 / p99 (ms)',
      ms(hot.latency),
      `p99 < ${TARGETS.hotStreamP99Ms} ${hot.latency.p99Ms < TARGETS.hotStreamP99Ms ? '(met)' : '(ABOVE)'}`,
    ],
    ['', 'conflicts retried / gave up', `${fmt(hot.conflictsRetried)} / ${fmt(hot.gaveUp)}`, 'no retry storm'],
    [
      '',
      'stream version = commands',
      `${fmt(hot.finalStreamVersion)} = ${fmt(hot.commands)} ${hot.consistent ? 'yes' : 'NO'}`,
      '',
    ],
    ['d. ceiling: read, parse, fold', 'events/s', fmt(read.eventsPerSecond), ''],
    ...r.rebuilds.flatMap((d, i): bench.TableRow[] => [
      [`d. rebuild ${d.projection}`, 'events/s', fmt(d.eventsPerSecond), ''],
      [
        '',
        'share of the read ceiling',
        pct(r.ratios.rebuilds[i]),
        vsShare(r.ratios.rebuilds[i], TARGETS.rebuildShareOfRead),
      ],
      ['', 'events read / in log', `${fmt(d.events)} / ${fmt(d.eventsInLog)}${d.complete ? '' : ' INCOMPLETE'}`, ''],
    ]),
    ...bench.processRows('e. process', r),
  ];
  bench.printTable(
    [
      `event store benchmark on ${r.server} (scratch database ${r.database}, ${r.cpus} CPUs, pool ${r.poolSize}, wake-ups shared within ${r.options.wakeUpMs} ms), ${r.totalSeconds} s`,
    ],
    rows,
  );
}

// ---------- main ----------

async function benchmark(ds: DataSource, o: Options, meta: { server: string; database: string }) {
  const started = performance.now();
  const sampler = bench.sampleProcess();
  try {
    // As the services have it: the inline projections (stream-index) are updated in every append.
    const store = new EventStore(ds, SCHEMA, undefined, {
      inlineProjections: builtinProjections.filter((p): p is InlineProjection => p.mode === 'inline'),
      wakeUpCoalesceMs: o.wakeUpMs,
    });
    const handler = new CommandHandler(store);
    const ceiling = await insertCeiling(ds, o);
    const appends = await singleEventAppends(store, o);
    const commands = {
      concurrent: await commandsAcrossStreams(handler, o, o.writers),
      sequential: await commandsAcrossStreams(handler, o, 1),
    };
    const hot = await hotStream(handler, store, o);
    const read = await readCeiling(store);
    const rebuilt = await rebuilds(store);
    const { peakRssMb, loadAverage, cpuReferenceMs } = sampler.finish();
    return {
      ...meta,
      cpus: cpus().length,
      poolSize: o.pool,
      options: o,
      ceiling,
      appends,
      commands,
      hot,
      read,
      rebuilds: rebuilt,
      ratios: {
        appends: share(appends.eventsPerSecond, ceiling.eventsPerSecond),
        commands: share(commands.concurrent.commandsPerSecond, ceiling.eventsPerSecond),
        rebuilds: rebuilt.map((d) => share(d.eventsPerSecond, read.eventsPerSecond)),
      },
      targets: TARGETS,
      peakRssMb,
      loadAverage,
      cpuReferenceMs,
      totalSeconds: bench.round((performance.now() - started) / 1000, 1),
    };
  } finally {
    sampler.finish();
  }
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  if (!(await bench.withServiceNodeFlags())) return;
  const o = readOptions();
  const scratch = await bench.createScratchDatabase(
    `bench_event_store_${randomBytes(4).toString('hex')}`,
    'bench-event-store',
  );
  const database = scratch.name;
  bench.log(`scratch database: ${database}`);

  let ds: DataSource | undefined;
  await bench.runBenchmark(
    'bench:event-store',
    'dropping the scratch database',
    async () => {
      if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
      if (await scratch.drop()) bench.log(`dropped ${database}`);
    },
    async () => {
      ds = await bench.migratedScratchSchema(scratch, {
        schema: SCHEMA,
        migrations: eventStoreMigrations,
        applicationName: 'bench-event-store',
        poolSize: o.pool,
      });
      const report = await benchmark(ds, o, { server: scratch.server, database });
      if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printFigures(report);
    },
  );
}

void main();
