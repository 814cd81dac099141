// Probes, on a real Postgres, the rule every reader of the event log relies on (appendHorizon): a read never passes
// an appender that its snapshot still saw in flight. Concurrent one-statement appends (as commands make them) race
// readers that take the horizon with their snapshot's in-flight transactions, and a reader that walks the log from
// the start as the outbox relay does; then everything is counted:
//   npm run probe:log-horizon [-- --seconds 30 --appenders 16 --readers 2 --json]
// The rule leans on how Postgres releases a committing transaction's locks (see appendHorizon), which a server version
// could change: run this against the version you deploy. With the race since fixed in appendHorizon put back, two
// 60 s runs on two cores (3,600 appends/s, 2,000 horizon reads/s) caught 1 and 3 appenders passed, and the second
// walk lost 12 events. DATABASE_URL names the server (default
// postgres://postgres@127.0.0.1:5432/postgres; the role needs CREATEDB); the scratch database is dropped at the end.
// Exit 0 when nothing was passed or lost, 1 when something was, 2 on a usage or runtime error.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import {
  EventStore,
  eventStoreMigrations,
  GENESIS_HASH,
  LOG_START,
  positionOf,
  readCommittedEvents,
  readLogHorizon,
  type LogPosition,
} from '@app/event-store';
import * as bench from './bench-support';
import { exitOnHelp, fmt, numberArgument, parseOptions } from './cli-support';

const SCHEMA = 'probe';
const USAGE = 'usage: npm run probe:log-horizon -- [--seconds 30] [--appenders 16] [--readers 2] [--json]';

function readOptions() {
  const values = parseOptions(USAGE, 'seconds appenders readers', { json: { type: 'boolean', default: false } });
  return {
    seconds: numberArgument(values, 'seconds', 30, 1, USAGE),
    appenders: numberArgument(values, 'appenders', 16, 1, USAGE),
    readers: numberArgument(values, 'readers', 2, 1, USAGE),
    json: values.json === true,
  };
}

/** Appends one event at a time to streams of its own until `until`, each chained onto the last without a read. */
async function appendUntil(store: EventStore, until: number): Promise<number> {
  const streams = Array.from({ length: 8 }, () => ({ id: `probe-${randomUUID()}`, version: 0, hash: GENESIS_HASH }));
  let appended = 0;
  while (performance.now() < until) {
    const stream = streams[appended % streams.length];
    const [event] = await store.appendToStream({
      streamType: 'Probe',
      streamId: stream.id,
      expectedVersion: stream.version,
      previousHash: stream.hash,
      events: [{ type: 'Probed', data: { n: appended } }],
      metadata: bench.benchCommandMetadata(),
    });
    stream.version++;
    stream.hash = event.hash;
    appended++;
  }
  return appended;
}

/** Takes the horizon with its snapshot's in-flight transactions until `until`; keeps those that left one out. */
async function readHorizonsUntil(db: DataSource, until: number) {
  let reads = 0;
  const leftOut: bigint[][] = [];
  while (performance.now() < until) {
    const { horizon, inFlight } = await readLogHorizon(db, SCHEMA);
    reads++;
    const passed = inFlight.filter((x) => x < horizon);
    if (passed.length > 0) leftOut.push(passed);
  }
  return { reads, leftOut };
}

/** Walks the log as the outbox relay does, batch after batch from where the last ended, while `going()`. */
async function walk(db: DataSource, going: () => boolean) {
  const seen = new Map<string, number>();
  let at: LogPosition = LOG_START;
  let batches = 0;
  for (;;) {
    const events = await readCommittedEvents(db, SCHEMA, at, 500);
    batches++;
    for (const e of events) seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
    if (events.length > 0) at = positionOf(events[events.length - 1]);
    else if (!going()) return { seen, batches };
    else await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function probe(db: DataSource, o: ReturnType<typeof readOptions>) {
  const store = new EventStore(db, SCHEMA);
  const started = performance.now();
  const until = started + o.seconds * 1000;
  bench.log(`probing for ${o.seconds} s: ${o.appenders} appenders, ${o.readers} horizon readers, one walker`);
  let appending = true;
  const walker = walk(db, () => appending || performance.now() < until);
  const [appends, horizons] = await Promise.all([
    Promise.all(Array.from({ length: o.appenders }, () => appendUntil(store, until))),
    Promise.all(Array.from({ length: o.readers }, () => readHorizonsUntil(db, until))),
  ]);
  appending = false;
  // Caught up: every appender has committed, so a read now sees to the end of the log.
  const { seen, batches } = await walker;
  const rows: Array<{ event_id: string; transaction_id: string }> = await db.query(
    `SELECT event_id, transaction_id::text AS transaction_id FROM "${SCHEMA}".events`,
  );
  const appenderIds = new Set(rows.map((r) => r.transaction_id));
  const leftOut = horizons.flatMap((h) => h.leftOut);
  const passedAppenders = leftOut.flat().filter((x) => appenderIds.has(String(x)));
  const lost = rows.filter((r) => !seen.has(r.event_id)).length;
  const duplicated = [...seen.values()].filter((n) => n > 1).length;
  const appended = appends.reduce((n, a) => n + a, 0);
  return {
    seconds: o.seconds,
    appended,
    appendsPerSecond: Math.round(appended / o.seconds),
    horizonReads: horizons.reduce((n, h) => n + h.reads, 0),
    readsLeavingOutInFlight: leftOut.length,
    appendersPassed: passedAppenders.length,
    passedExamples: passedAppenders.slice(0, 5).map(String),
    walk: { batches, expected: rows.length, read: seen.size, lost, duplicated },
  };
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const o = readOptions();
  const scratch = await bench.createScratchDatabase(`probe_log_horizon_${randomBytes(4).toString('hex')}`, 'probe');
  let db: DataSource | undefined;
  let result: Awaited<ReturnType<typeof probe>> | undefined;
  await bench.runBenchmark(
    'probe:log-horizon',
    'dropping the scratch database',
    async () => {
      await db?.destroy().catch(() => undefined);
      await scratch.drop();
    },
    async () => {
      db = await bench.migratedScratchSchema(scratch, {
        schema: SCHEMA,
        migrations: eventStoreMigrations,
        applicationName: 'probe-log-horizon',
        poolSize: o.appenders + o.readers + 2,
      });
      result = await probe(db, o);
    },
  );
  if (!result) return;
  if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const r = result;
    bench.printTable(
      [`log horizon probe on ${scratch.server}, ${o.seconds} s`],
      [
        ['appends', 'events appended / per second', `${fmt(r.appended)} / ${fmt(r.appendsPerSecond)}`, ''],
        ['horizon reads', 'reads', fmt(r.horizonReads), ''],
        ['', 'reads that left out a transaction in flight', fmt(r.readsLeavingOutInFlight), '(others, not appenders)'],
        ['', 'appenders passed while in flight', fmt(r.appendersPassed), '0'],
        ['walk from the start', 'events expected / read', `${fmt(r.walk.expected)} / ${fmt(r.walk.read)}`, 'equal'],
        ['', 'lost / read twice', `${fmt(r.walk.lost)} / ${fmt(r.walk.duplicated)}`, '0 / 0'],
      ],
    );
  }
  if (result.appendersPassed > 0 || result.walk.lost > 0 || result.walk.duplicated > 0) process.exitCode = 1;
}

void main();
