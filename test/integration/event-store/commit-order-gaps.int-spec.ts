import { randomUUID } from 'node:crypto';
import {
  AppendAfterOtherWritesError,
  CheckpointedReader,
  GENESIS_HASH,
  LOG_START,
  readCommittedEvents,
  type RecordedEvent,
} from '@app/event-store';
import { createEventStoreFixture, eventually, type EventStoreFixture } from '@app/testing';
import type { DataSource } from 'typeorm';
import { tallyCommand } from '../../support/tally.decider';

// The sequence-gap problem: a transaction that took a lower global position commits after a later one.
// Readers by position alone skip its events for good; reading by transaction id below the oldest in-flight
// transaction that may still append to the log (appendHorizon) waits for it instead.
describe('reading the log while transactions commit out of order', () => {
  let fx: EventStoreFixture;
  let other: DataSource;

  beforeAll(async () => {
    fx = await createEventStoreFixture('gaps', { poolSize: 30 });
    other = await fx.openDataSource(30);
  });
  afterAll(() => fx?.close());

  const metadata = () => tallyCommand('CountTally', { by: 1 }).metadata;
  const event = (by: number) => ({ type: 'TallyCounted', data: { by } });
  /** An event appended in a transaction on `other` that is left open: its runner (to commit and release) and the event. */
  async function appendLeftOpen(streamId: string, by: number) {
    const runner = other.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [appended] = await fx.store.append(runner.manager, {
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      previousHash: GENESIS_HASH,
      events: [event(by)],
      metadata: metadata(),
    });
    return { runner, appended };
  }

  it('does not pass an in-flight transaction that holds a lower position, and delivers both once it commits', async () => {
    const { runner: slow, appended: early } = await appendLeftOpen(`slow-${randomUUID()}`, 1);
    const [late] = await fx.store.appendToStream({
      streamType: 'Tally',
      streamId: `fast-${randomUUID()}`,
      expectedVersion: 0,
      events: [event(2)],
      metadata: metadata(),
    });
    expect(BigInt(early.globalPosition)).toBeLessThan(BigInt(late.globalPosition));

    // What a naive reader by position sees now: only the later event; its checkpoint would jump past `early`.
    const naive = await fx.dataSource.query(
      `SELECT global_position::text AS p FROM "${fx.schema}".events WHERE global_position >= $1`,
      [early.globalPosition],
    );
    expect(naive.map((r: { p: string }) => r.p)).toEqual([late.globalPosition]);

    const whileInFlight = await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100);
    expect(whileInFlight.map((e) => e.eventId)).not.toContain(late.eventId);

    await slow.commitTransaction();
    await slow.release();
    // Transaction ids are cluster-wide: other test files' open transactions may hold the horizon back a moment.
    const afterCommit = await eventually(
      () => readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100),
      (events) => events.some((e) => e.eventId === late.eventId),
      { what: 'both events readable', timeoutMs: 20_000 },
    );
    const ids = afterCommit.map((e) => e.eventId);
    expect(ids).toContain(early.eventId);
    expect(ids).toContain(late.eventId);
    expect(ids.indexOf(early.eventId)).toBeLessThan(ids.indexOf(late.eventId));
  });

  // The readers wait only for transactions that may append to this log (appendHorizon): not for other writers.
  describe('which transactions in flight a reader waits for', () => {
    beforeAll(() => fx.dataSource.query(`CREATE TABLE "${fx.schema}".side_writes (n int)`));

    /** A transaction on `other` that wrote to side_writes, without the log lock, and stays open until `end` is called. */
    async function openWriter() {
      const runner = other.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query(`INSERT INTO "${fx.schema}".side_writes VALUES (1)`);
      return {
        runner,
        end: async (commit = true) => {
          await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
          await runner.release();
        },
      };
    }
    const appendAlone = (streamId: string) =>
      fx.store.appendToStream({
        streamType: 'Tally',
        streamId,
        expectedVersion: 0,
        events: [event(3)],
        metadata: metadata(),
      });

    it('does not wait for a writing transaction in flight that holds no lock on this log: the event is read at once', async () => {
      const writer = await openWriter();
      try {
        const [appended] = await appendAlone(`free-${randomUUID()}`);
        const read = await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000);
        expect(read.map((e) => e.eventId)).toContain(appended.eventId);
      } finally {
        await writer.end();
      }
    });

    it('waits for a transaction that opened with the log lock and wrote elsewhere first, then appends after a later one', async () => {
      // EventStore.inStreamTransaction opens with the log lock; its work writes elsewhere, then waits to append.
      let wrote!: () => void;
      let appendNow!: () => void;
      const hasWritten = new Promise<void>((resolve) => (wrote = resolve));
      const mayAppend = new Promise<void>((resolve) => (appendNow = resolve));
      const streamId = `locked-${randomUUID()}`;
      const locked = fx.store.inStreamTransaction(streamId, async (manager, stream) => {
        await manager.query(`INSERT INTO "${fx.schema}".side_writes VALUES (2)`);
        wrote();
        await mayAppend;
        const [e] = await fx.store.append(manager, {
          streamType: 'Tally',
          streamId,
          expectedVersion: stream.version,
          previousHash: stream.lastHash,
          events: [event(4)],
          metadata: metadata(),
        });
        return e;
      });
      let late: RecordedEvent;
      try {
        await hasWritten;
        [late] = await appendAlone(`after-${randomUUID()}`);
        const whileInFlight = await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000);
        expect(whileInFlight.map((e) => e.eventId)).not.toContain(late.eventId);
      } finally {
        appendNow();
      }
      const early = await locked;
      const ids = (
        await eventually(
          () => readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000),
          (events) => events.some((e) => e.eventId === late.eventId),
          { what: 'both events readable', timeoutMs: 20_000 },
        )
      ).map((e) => e.eventId);
      // Read in transaction id order: the locked transaction's event, though committed last, comes first.
      expect(ids.indexOf(early.eventId)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(early.eventId)).toBeLessThan(ids.indexOf(late.eventId));
    });

    it('refuses an append after other writes in a transaction without the log lock: an error naming the rule, no event', async () => {
      const writer = await openWriter();
      const streamId = `refused-${randomUUID()}`;
      try {
        await expect(
          fx.store.append(writer.runner.manager, {
            streamType: 'Tally',
            streamId,
            expectedVersion: 0,
            previousHash: GENESIS_HASH,
            events: [event(5)],
            metadata: metadata(),
          }),
        ).rejects.toThrow(AppendAfterOtherWritesError);
      } finally {
        await writer.end(false);
      }
      expect((await fx.store.readStream(streamId)).version).toBe(0);
    });

    it('does not pass an appender that committed after the snapshot while pg_locks lists its id but not its log lock', async () => {
      // The state a committing appender is in for microseconds: its fast-path ROW EXCLUSIVE on the log already given
      // up, the lock on its id not yet. npm run probe:log-horizon catches readers there now and then under load; here
      // a temporary table named pg_locks (a session's own tables are looked up before the catalog's) holds it still.
      const { runner: appender, appended: early } = await appendLeftOpen(`committing-${randomUUID()}`, 6);
      const [{ xid, pid }] = await appender.query('SELECT pg_current_xact_id()::text AS xid, pg_backend_pid() AS pid');
      // Committed while `early` is in flight: a reader that passes `early` reads this one and moves on past both.
      const [late] = await appendAlone(`passing-${randomUUID()}`);
      const reader = fx.dataSource.createQueryRunner();
      await reader.connect();
      try {
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await reader.query('SELECT 1'); // the snapshot: `early` in flight, `late` committed
        await appender.commitTransaction();
        await reader.query(
          `CREATE TEMP TABLE pg_locks (pid int, locktype text, mode text, granted boolean, transactionid xid, relation oid)`,
        );
        await reader.query(
          `INSERT INTO pg_locks VALUES ($1, 'transactionid', 'ExclusiveLock', true, $2::text::xid, NULL)`,
          [pid, String(BigInt(xid) % 4294967296n)],
        );
        const read = (await readCommittedEvents(reader.manager, fx.schema, LOG_START, 100_000)).map((e) => e.eventId);
        expect(read).not.toContain(early.eventId); // not in this snapshot
        expect(read).not.toContain(late.eventId); // so nothing after it either
      } finally {
        await reader.query('ROLLBACK');
        await reader.release();
        await appender.release();
      }
      const ids = (await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000)).map((e) => e.eventId);
      expect(ids.indexOf(early.eventId)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(early.eventId)).toBeLessThan(ids.indexOf(late.eventId));
    });

    it('asks pg_xact_status once per in-flight id at most, not once per pair of in-flight id and id lock', async () => {
      // The horizon runs on every poll of every reader; asked per pair, its cost grew with the square of the server's
      // writing transactions. A pg_xact_status of a schema put before pg_catalog in the path counts the calls; it costs
      // what the catalog's does (1, not a PL function's 100), so the planner orders it as it would the real one.
      const writers = await Promise.all(Array.from({ length: 5 }, () => openWriter()));
      const probe = `${fx.schema}_xact_probe`;
      const reader = fx.dataSource.createQueryRunner();
      await reader.connect();
      try {
        await appendAlone(`counted-${randomUUID()}`); // committed after the writers took their ids: they are in xip
        await reader.query(`CREATE SCHEMA "${probe}"`);
        await reader.query(
          `CREATE FUNCTION "${probe}".pg_xact_status(x xid8) RETURNS text LANGUAGE plpgsql COST 1
             AS $$ BEGIN PERFORM nextval('pg_temp.xact_status_calls'); RETURN pg_catalog.pg_xact_status(x); END $$`,
        );
        await reader.query('CREATE TEMP SEQUENCE xact_status_calls');
        await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await reader.query(`SET LOCAL search_path = "${probe}", pg_catalog, public`);
        const [{ inFlight }] = await reader.query(
          'SELECT cardinality(ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot())))::int AS "inFlight"',
        );
        await readCommittedEvents(reader.manager, fx.schema, LOG_START, 1);
        const [{ calls }] = await reader.query(
          'SELECT CASE WHEN is_called THEN last_value ELSE 0 END::int AS calls FROM pg_temp.xact_status_calls',
        );
        expect(calls).toBeGreaterThanOrEqual(writers.length); // each writer is asked about: the probe counts
        expect(calls).toBeLessThanOrEqual(inFlight);
      } finally {
        await reader.query('ROLLBACK');
        await reader.query(`DROP SCHEMA IF EXISTS "${probe}" CASCADE`);
        await reader.release();
        for (const writer of writers) await writer.end();
      }
    });
  });

  it('a checkpointed reader running through 300 interleaved transactions sees every event exactly once, streams in order', async () => {
    const seen: RecordedEvent[] = [];
    const reader = new CheckpointedReader({
      store: fx.store,
      name: 'test:gap-reader',
      batchSize: 7,
      idleMs: 5,
      handle: async (_m, events) => void seen.push(...events),
    });
    // Start from now: skip what earlier tests wrote.
    const before = await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 10_000);
    const last = before[before.length - 1];
    await fx.dataSource.query(
      `INSERT INTO "${fx.schema}".projection_checkpoints (name, last_transaction_id, last_position) VALUES ($1, $2::xid8, $3)`,
      ['test:gap-reader', last.transactionId, last.globalPosition],
    );
    reader.start();

    const appended: string[] = [];
    const streams = Array.from({ length: 40 }, () => `gap-${randomUUID()}`);
    const versions = new Map(streams.map((s) => [s, 0]));
    await Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        for (let i = 0; i < 15; i++) {
          const ds = worker % 2 === 0 ? fx.dataSource : other;
          // Hold some transactions open after their insert so later ones commit first.
          const holdMs = (worker * 7 + i * 13) % 40;
          await ds
            .transaction(async (m) => {
              const streamId = streams[(worker * 2 + i * 3) % streams.length];
              const slice = await fx.store.readStream(streamId, { manager: m });
              try {
                const [e] = await fx.store.append(m, {
                  streamType: 'Tally',
                  streamId,
                  expectedVersion: slice.version,
                  previousHash: slice.lastHash,
                  events: [event(worker * 100 + i)],
                  metadata: metadata(),
                });
                appended.push(e.eventId);
                versions.set(streamId, Math.max(versions.get(streamId)!, e.streamVersion));
              } catch {
                // A concurrent append to the same stream won; this one appends nothing.
                return;
              }
              await m.query('SELECT pg_sleep($1)', [holdMs / 1000]);
            })
            .catch(() => undefined);
        }
      }),
    );
    const deadline = Date.now() + 20_000;
    while (seen.length < appended.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await reader.stop();

    expect(appended.length).toBeGreaterThan(150);
    const seenIds = seen.map((e) => e.eventId);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect([...seenIds].sort()).toEqual([...appended].sort());
    for (const streamId of streams) {
      const order = seen.filter((e) => e.streamId === streamId).map((e) => e.streamVersion);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('orders transaction ids as numbers across a digit boundary (9999 before 10000)', async () => {
    const base = Number((await fx.dataSource.query(`SELECT pg_current_xact_id()::text AS x`))[0].x);
    // Two ids below the current one that differ in digit count, e.g. 99999 and 100000 — text order would swap them.
    const digits = String(base).length;
    const low = 10 ** (digits - 1) - 1;
    const high = 10 ** (digits - 1);
    const streamId = `digits-${randomUUID()}`;
    await fx.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE "${fx.schema}".events DISABLE TRIGGER events_append_only`);
      for (const [version, tx] of [
        [1, high],
        [2, low],
      ]) {
        await m.query(
          `INSERT INTO "${fx.schema}".events (transaction_id, event_id, stream_type, stream_id, stream_version, event_type, schema_version,
                                              payload, metadata, occurred_at, previous_hash, hash)
           VALUES ($1::text::xid8, gen_random_uuid(), 'Tally', $2, $3, 'TallyCounted', 1, '{}', '{}', now(), $4, $4)`,
          [String(tx), streamId, version, '0'.repeat(64)],
        );
      }
      await m.query(`ALTER TABLE "${fx.schema}".events ENABLE TRIGGER events_append_only`);
    });
    const read = (await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000)).filter(
      (e) => e.streamId === streamId,
    );
    expect(read.map((e) => e.transactionId)).toEqual([String(low), String(high)]);
  });
});
