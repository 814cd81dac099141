// Benchmarks the event store against a real Postgres, in a scratch database it creates and drops:
//   npm run bench:event-store [-- --seconds 8 --hot-seconds 5 --command-seconds 4 --workers 20 --pool 24 --json]
// DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the role needs CREATEDB.
// Figures are printed next to their targets, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { Command, Decider, DomainEvent } from '@app/domain-kernel';
import {
  builtinProjections,
  CommandHandler,
  EventStore,
  eventStoreMigrations,
  ProjectionRebuilder,
  VersionConflictError,
  type InlineProjection,
} from '@app/event-store';
import { fmt, numberArgument, exitOnHelp, parseOptions } from './cli-support';
import {
  benchCommandMetadata,
  createScratchDatabase,
  latencyFigures,
  log,
  migratedScratchSchema,
  printTable,
  processRows,
  round,
  runBenchmark,
  sampleProcess,
  slashed,
  type LatencyFigures,
  type TableRow,
} from './bench-support';

const SCHEMA = 'bench';
const TARGET_APPEND_EVENTS_PER_S = 5_000;
const TARGET_REBUILD_EVENTS_PER_S = 20_000;

// ---------- options ----------

const USAGE = `usage: npm run bench:event-store -- [--seconds 8] [--append-events 100000] [--workers 20] [--batch 10]
  [--hot-seconds 5] [--hot-writers 8] [--command-seconds 4] [--command-workers 10] [--streams 400] [--stream-events 20]
  [--pool 24] [--json]`;

const numberOption = (values: Record<string, unknown>, name: string, fallback: number, min = 1) =>
  numberArgument(values, name, fallback, min, USAGE);

function readOptions() {
  const values: Record<string, string | boolean | undefined> = parseOptions(USAGE, {
    seconds: { type: 'string' },
    'append-events': { type: 'string' },
    workers: { type: 'string' },
    batch: { type: 'string' },
    'hot-seconds': { type: 'string' },
    'hot-writers': { type: 'string' },
    'command-seconds': { type: 'string' },
    'command-workers': { type: 'string' },
    streams: { type: 'string' },
    'stream-events': { type: 'string' },
    pool: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  return {
    /** a: how long the concurrent appends run, and the most events they append. */
    seconds: numberOption(values, 'seconds', 8, 0.1),
    appendEvents: numberOption(values, 'append-events', 100_000),
    workers: numberOption(values, 'workers', 20),
    batch: numberOption(values, 'batch', 10),
    /** b: one stream, many writers. */
    hotSeconds: numberOption(values, 'hot-seconds', 5, 0.1),
    hotWriters: numberOption(values, 'hot-writers', 8),
    /** c: each of the sequential and the concurrent run. */
    commandSeconds: numberOption(values, 'command-seconds', 4, 0.1),
    commandWorkers: numberOption(values, 'command-workers', 10),
    streams: numberOption(values, 'streams', 400),
    streamEvents: numberOption(values, 'stream-events', 20),
    pool: numberOption(values, 'pool', 24),
    json: values.json === true,
  };
}
type Options = ReturnType<typeof readOptions>;

// ---------- the decider the commands use ----------

type CounterEvent = DomainEvent<'Counted', { by: number; note: string }>;
type CounterCommand = Command<'Count', { by: number }>;
interface CounterState {
  count: number;
}

/** A tiny counter; counts its decisions so retries after a conflict can be told from first attempts. */
function counterDecider(stats: { decisions: number }): Decider<CounterState, CounterCommand, CounterEvent> {
  return {
    initialState: () => ({ count: 0 }),
    evolve: (state, event) => ({ count: state.count + event.data.by }),
    decide: (command) => {
      stats.decisions++;
      return [{ type: 'Counted', data: { by: command.data.by, note: 'counted by the event store benchmark' } }];
    },
  };
}

const countCommand = (): CounterCommand => ({ type: 'Count', data: { by: 1 }, metadata: benchCommandMetadata() });

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

type Latencies = Pick<LatencyFigures, 'p50Ms' | 'p99Ms'>;

function latencies(samples: number[]): Latencies {
  const { p50Ms, p99Ms } = latencyFigures(samples, 2);
  return { p50Ms, p99Ms };
}

/** Runs `workers` loops of `step` until `seconds` have passed or `more()` says stop; times each step. */
async function timedWorkers(
  workers: number,
  seconds: number,
  step: (worker: number) => Promise<void>,
  more: () => boolean = () => true,
): Promise<{ seconds: number; samples: number[] }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline && more()) {
        const t0 = performance.now();
        await step(worker);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, samples };
}

/**
 * Counter commands through the handler from `workers` loops for `seconds`, on the stream `streamId()` names; a
 * command still conflicting after `retries` retries gives up (counted). conflictsRetried: the decisions beyond one a
 * command.
 */
async function timedCommands(
  handler: CommandHandler,
  o: { workers: number; seconds: number; retries: number },
  streamId: () => string,
) {
  const stats = { decisions: 0 };
  const decider = counterDecider(stats);
  let commands = 0;
  let gaveUp = 0;
  const run = await timedWorkers(o.workers, o.seconds, async () => {
    try {
      await handler.handle({
        decider,
        streamType: 'BenchCounter',
        streamId: streamId(),
        command: countCommand(),
        retryOnConflict: o.retries,
      });
      commands++;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      gaveUp++;
    }
  });
  return {
    commands,
    gaveUp,
    conflictsRetried: stats.decisions - commands - gaveUp,
    seconds: round(run.seconds, 2),
    commandsPerSecond: Math.round(commands / run.seconds),
    commandLatency: latencies(run.samples),
  };
}

// ---------- the phases ----------

async function concurrentAppends(store: EventStore, o: Options) {
  const eventsPerStream = o.batch * 10;
  const streams = Array.from({ length: o.workers }, () => ({ n: 0, version: 0 }));
  let events = 0;
  log(
    `a. concurrent appends: ${o.workers} workers, batches of ${o.batch} events, ${o.seconds} s or ${fmt(o.appendEvents)} events`,
  );
  const run = await timedWorkers(
    o.workers,
    o.seconds,
    async (w) => {
      const s = streams[w];
      if (s.version >= eventsPerStream) Object.assign(s, { n: s.n + 1, version: 0 });
      await store.appendToStream({
        streamType: 'BenchCase',
        streamId: `append-${w}-${s.n}`,
        expectedVersion: s.version,
        events: caseEvents(o.batch, s.version),
        metadata: benchCommandMetadata(),
      });
      s.version += o.batch;
      events += o.batch;
    },
    () => events < o.appendEvents,
  );
  return {
    workers: o.workers,
    batch: o.batch,
    events,
    appends: run.samples.length,
    streams: streams.reduce((n, s) => n + s.n + 1, 0),
    seconds: round(run.seconds, 2),
    eventsPerSecond: Math.round(events / run.seconds),
    appendLatency: latencies(run.samples),
  };
}

async function hotStream(handler: CommandHandler, store: EventStore, o: Options) {
  const streamId = 'hot-counter';
  log(
    `b. hot stream: ${o.hotWriters} writers on one stream, CommandHandler with retryOnConflict 50, ${o.hotSeconds} s`,
  );
  const run = await timedCommands(
    handler,
    { workers: o.hotWriters, seconds: o.hotSeconds, retries: 50 },
    () => streamId,
  );
  const finalVersion = await store.currentVersion(streamId);
  return {
    writers: o.hotWriters,
    ...run,
    finalStreamVersion: finalVersion,
    /** Every successful command appended exactly one event, none lost, none doubled. */
    consistent: finalVersion === run.commands,
  };
}

async function commandHandling(handler: CommandHandler, store: EventStore, o: Options) {
  log(`c. command handling: seeding ${fmt(o.streams)} streams of ${o.streamEvents} events`);
  const seedStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(10, o.streams) }, async () => {
      for (let s = next++; s < o.streams; s = next++) {
        const events = Array.from({ length: o.streamEvents }, () => ({
          type: 'Counted',
          data: { by: 1, note: 'seeded by the event store benchmark' },
        }));
        await store.appendToStream({
          streamType: 'BenchCounter',
          streamId: `cmd-${s}`,
          expectedVersion: 0,
          events,
          metadata: benchCommandMetadata(),
        });
      }
    }),
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const run = async (workers: number) => {
    log(
      `c. command handling: ${workers === 1 ? 'sequential' : `${workers} concurrent workers`}, ${o.commandSeconds} s`,
    );
    const timed = await timedCommands(
      handler,
      { workers, seconds: o.commandSeconds, retries: 5 },
      () => `cmd-${Math.floor(Math.random() * o.streams)}`,
    );
    return { workers, ...timed };
  };
  return {
    streams: o.streams,
    eventsPerStream: o.streamEvents,
    seedSeconds: round(seedSeconds, 2),
    sequential: await run(1),
    concurrent: await run(o.commandWorkers),
  };
}

async function rebuilds(store: EventStore) {
  const rebuilder = new ProjectionRebuilder(store);
  const results = [];
  for (const projection of builtinProjections) {
    log(`d. rebuild: ${projection.name}`);
    let eventsAtStart = 0;
    const result = await rebuilder.rebuild(projection, { onProgress: (p) => (eventsAtStart = p.eventsTotal) });
    results.push({
      projection: projection.name,
      events: result.eventsRead,
      eventsInLog: eventsAtStart,
      /** A full replay reads every event the log held when it started. */
      complete: result.eventsRead >= eventsAtStart,
      seconds: round(result.seconds, 2),
      eventsPerSecond: result.eventsPerSecond,
    });
  }
  return results;
}

// ---------- the report ----------

type Report = Awaited<ReturnType<typeof benchmark>>;

function printFigures(r: Report): void {
  const ms = (l: Latencies) => slashed([l.p50Ms, l.p99Ms], 1);
  const vs = (value: number, target: number) => `>= ${fmt(target)} ${value >= target ? '(met)' : '(BELOW)'}`;
  const a = r.concurrentAppends;
  const b = r.hotStream;
  const c = r.commands;
  const rows: TableRow[] = [
    [
      `a. appends, ${a.workers} workers x ${a.batch} events`,
      'events/s',
      fmt(a.eventsPerSecond),
      vs(a.eventsPerSecond, TARGET_APPEND_EVENTS_PER_S),
    ],
    ['', 'append p50 / p99 (ms)', ms(a.appendLatency), ''],
    ['', 'events / appends / streams', `${fmt(a.events)} / ${fmt(a.appends)} / ${fmt(a.streams)}`, ''],
    [`b. hot stream, ${b.writers} writers`, 'commands/s', fmt(b.commandsPerSecond), ''],
    ['', 'command p50 / p99 (ms)', ms(b.commandLatency), ''],
    ['', 'conflicts retried / gave up', `${fmt(b.conflictsRetried)} / ${fmt(b.gaveUp)}`, ''],
    [
      '',
      'stream version = commands',
      `${fmt(b.finalStreamVersion)} = ${fmt(b.commands)} ${b.consistent ? 'yes' : 'NO'}`,
      '',
    ],
    [`c. commands, sequential`, 'commands/s', fmt(c.sequential.commandsPerSecond), ''],
    ['', 'command p50 / p99 (ms)', ms(c.sequential.commandLatency), ''],
    [`c. commands, ${c.concurrent.workers} workers`, 'commands/s', fmt(c.concurrent.commandsPerSecond), ''],
    ['', 'command p50 / p99 (ms)', ms(c.concurrent.commandLatency), ''],
    ['', 'conflicts retried / gave up', `${fmt(c.concurrent.conflictsRetried)} / ${fmt(c.concurrent.gaveUp)}`, ''],
    ...r.rebuilds.flatMap((d): TableRow[] => [
      [
        `d. rebuild ${d.projection}`,
        'events/s',
        fmt(d.eventsPerSecond),
        vs(d.eventsPerSecond, TARGET_REBUILD_EVENTS_PER_S),
      ],
      ['', 'events read / in log', `${fmt(d.events)} / ${fmt(d.eventsInLog)}${d.complete ? '' : ' INCOMPLETE'}`, ''],
    ]),
    ...processRows('e. process', r),
  ];
  printTable(
    [
      `event store benchmark on ${r.server} (scratch database ${r.database}, ${r.cpus} CPUs, pool ${r.poolSize}), ${r.totalSeconds} s`,
    ],
    rows,
  );
}

// ---------- main ----------

async function benchmark(ds: DataSource, o: Options, meta: { server: string; database: string }) {
  const started = performance.now();
  const sampler = sampleProcess();
  try {
    // As the services have it: the inline projections (stream-index) are updated in every append's transaction.
    const store = new EventStore(ds, SCHEMA, undefined, {
      inlineProjections: builtinProjections.filter((p): p is InlineProjection => p.mode === 'inline'),
    });
    const handler = new CommandHandler(store);
    const concurrent = await concurrentAppends(store, o);
    const hot = await hotStream(handler, store, o);
    const commands = await commandHandling(handler, store, o);
    const rebuilt = await rebuilds(store);
    const { peakRssMb, loadAverage } = sampler.finish();
    return {
      ...meta,
      cpus: cpus().length,
      poolSize: o.pool,
      options: o,
      concurrentAppends: concurrent,
      hotStream: hot,
      commands,
      rebuilds: rebuilt,
      peakRssMb,
      loadAverage,
      targets: {
        appendEventsPerSecond: TARGET_APPEND_EVENTS_PER_S,
        rebuildEventsPerSecond: TARGET_REBUILD_EVENTS_PER_S,
      },
      totalSeconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    sampler.finish();
  }
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const o = readOptions();
  const scratch = await createScratchDatabase(
    `bench_event_store_${randomBytes(4).toString('hex')}`,
    'bench-event-store',
  );
  const database = scratch.name;
  log(`scratch database: ${database}`);

  let ds: DataSource | undefined;
  await runBenchmark(
    'bench:event-store',
    'dropping the scratch database',
    async () => {
      if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
      if (await scratch.drop()) log(`dropped ${database}`);
    },
    async () => {
      ds = await migratedScratchSchema(scratch, {
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
