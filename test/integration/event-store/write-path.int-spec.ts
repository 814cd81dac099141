import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  CommandHandler,
  GENESIS_HASH,
  StreamVerifier,
  statementProjection,
  streamIndexProjection,
  VersionConflictError,
  type InlineProjection,
} from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand, tallyDecider } from '../../support/tally.decider';
import { handleTally, openTally } from '../../support/tally-handling';

// The write path's shortcuts keep every guarantee of the long way: a command's writers in one process take turns on
// a stream instead of colliding; an append chained onto a tail that is not the stream's is refused, never a gap;
// and the one statement that appends, projects and wakes the relay commits all of it or nothing.

/** A statement projection of TallyCounted onto the stream index whose `statement` is the failure a test needs. */
const tallyCountedStatement = (name: string, statement: (from: string, table: string) => string): InlineProjection =>
  statementProjection({
    name,
    table: 'stream_index',
    mode: 'inline',
    handles: (event) => event.type === 'TallyCounted',
    createTable: () => '',
    reads: ['stream_id'],
    statement,
  });

/** A statement projection whose statement fails (division by zero) as soon as it runs. */
const failingStatement = tallyCountedStatement(
  'failing-statement',
  (from, table) => `UPDATE ${table} SET version = 1 / 0 WHERE stream_id IN (SELECT stream_id FROM ${from})`,
);

/** The same failure, but as a projection that is not a statement (it runs in a transaction after the INSERT). */
const failingApply: InlineProjection = {
  name: 'failing-apply',
  table: 'stream_index',
  mode: 'inline',
  handles: (event) => event.type === 'TallyCounted',
  createTable: () => '',
  apply: async (manager) => void (await manager.query('SELECT 1 / 0')),
};

/** Fails (division by zero) only for the events of stream "poison-…": one append of a batch that its projection refuses. */
const poisonStatement = tallyCountedStatement(
  'poison-statement',
  (from, table) =>
    `UPDATE ${table} SET version = version + 0 * (SELECT 1 / (1 - sign(count(*) FILTER (WHERE stream_id LIKE 'poison-%'))::int) FROM ${from})
      WHERE stream_id IN (SELECT stream_id FROM ${from})`,
);

describe('event store: the write path', () => {
  let fx: EventStoreFixture;

  beforeAll(async () => {
    fx = await createEventStoreFixture('write-path', { poolSize: 30, inlineProjections: [streamIndexProjection] });
  });
  afterAll(() => fx?.close());

  const indexRow = async (id: string) =>
    (
      await fx.dataSource.query(
        `SELECT version, last_event_type FROM "${fx.schema}".stream_index WHERE stream_id = $1`,
        [id],
      )
    )[0] as { version: number; last_event_type: string } | undefined;

  it('appends a command in one statement when every inline projection is one, and the stream index follows', async () => {
    const handler = new CommandHandler(fx.store);
    expect(fx.store.appendsInOneStatement).toBe(true);
    const id = await openTally(handler);
    await handleTally(handler, id, tallyCommand('CountTally', { by: 2 }));
    expect(await indexRow(id)).toEqual({ version: 2, last_event_type: 'TallyCounted' });
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it('16 concurrent commands on one stream in one process take turns: 16 decisions, no conflict retried, none lost', async () => {
    const handler = new CommandHandler(fx.store);
    const id = await openTally(handler);
    let decisions = 0;
    const counting = {
      ...tallyDecider,
      decide: (...args: Parameters<typeof tallyDecider.decide>) => (decisions++, tallyDecider.decide(...args)),
    };
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        handleTally(handler, id, tallyCommand('CountTally', { by: i + 1 }), { decider: counting, retryOnConflict: 50 }),
      ),
    );
    const stream = await fx.store.readStream(id);
    expect(stream.version).toBe(17);
    expect(decisions).toBe(16);
    expect(stream.events.slice(1).reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(136);
  });

  it('decides a hot stream on what it knew, read again when the other appended: two processes, 12 commands each, all land on the right state', async () => {
    // Two handlers on two pools are two processes: each queues its own commands and keeps the stream's history
    // between them, while the other appends underneath.
    const other = new (await import('@app/event-store')).EventStore(await fx.openDataSource(10), fx.schema, undefined, {
      inlineProjections: [streamIndexProjection],
    });
    const [here, there] = [new CommandHandler(fx.store), new CommandHandler(other)];
    const id = await openTally(here);
    const totals: number[] = [];
    await Promise.all(
      [here, there].flatMap((handler, h) =>
        Array.from({ length: 12 }, (_, i) =>
          handleTally(handler, id, tallyCommand('CountTally', { by: h * 100 + i + 1 }), { retryOnConflict: 50 }).then(
            (result) => totals.push(result.state.total),
          ),
        ),
      ),
    );
    const stream = await fx.store.readStream(id);
    expect(stream.version).toBe(25);
    const expected = Array.from({ length: 12 }, (_, i) => i + 1 + (100 + i + 1)).reduce((a, b) => a + b, 0);
    // The last command decided on every event before it: its state's total is the sum of all 24.
    expect(Math.max(...totals)).toBe(expected);
    expect(new Set(totals).size).toBe(24);
    expect(await indexRow(id)).toEqual({ version: 25, last_event_type: 'TallyCounted' });
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it('refuses an append chained onto a hash that is not the tail, or onto a version the stream has not reached: 409, no event, no gap', async () => {
    const handler = new CommandHandler(fx.store);
    const id = await openTally(handler);
    const append = (expectedVersion: number, previousHash?: string) =>
      fx.store.appendToStream({
        streamType: 'Tally',
        streamId: id,
        expectedVersion,
        previousHash,
        metadata: tallyCommand('CountTally', { by: 1 }).metadata,
        events: [{ type: 'TallyCounted', data: { by: 1 } }],
      });
    await expect(append(1, 'f'.repeat(64))).rejects.toBeInstanceOf(VersionConflictError);
    await expect(append(3, 'f'.repeat(64))).rejects.toMatchObject({ expectedVersion: 3, actualVersion: 1 });
    await expect(append(3)).rejects.toMatchObject({ expectedVersion: 3, actualVersion: 1 });
    const stream = await fx.store.readStream(id);
    expect(stream.events.map((e) => e.streamVersion)).toEqual([1]);
    // The right tail still appends, and the chain holds.
    const [second] = await append(1, stream.lastHash);
    expect(second.streamVersion).toBe(2);
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it.each([
    [0, 40, 40],
    [200, 2, 20],
  ])(
    'wakes the relay: with a window of %d ms, 40 appends in a burst send between %d and %d NOTIFYs, the last append heard',
    async (coalesceMs, fewest, most) => {
      const { EventStore } = await import('@app/event-store');
      const store = new EventStore(fx.dataSource, fx.schema, undefined, {
        inlineProjections: [streamIndexProjection],
        wakeUpCoalesceMs: coalesceMs,
      });
      const listener = new pg.Client({ connectionString: fx.db.url });
      await listener.connect();
      const heard: number[] = [];
      listener.on('notification', () => heard.push(Date.now()));
      await listener.query(`LISTEN "${fx.schema}_events"`);
      try {
        const id = `burst-${randomUUID()}`;
        let lastHash: string | undefined;
        for (let version = 0; version < 40; version++) {
          const [recorded] = await store.appendToStream({
            streamType: 'Tally',
            streamId: id,
            expectedVersion: version,
            previousHash: lastHash,
            metadata: tallyCommand('CountTally', { by: 1 }).metadata,
            events: [{ type: 'TallyCounted', data: { by: 1 } }],
          });
          lastHash = recorded.hash;
        }
        const lastCommitted = Date.now();
        // The trailing wake-up follows the last append within the window (plus the server's delivery).
        await new Promise((resolve) => setTimeout(resolve, coalesceMs + 200));
        expect(heard.length).toBeGreaterThanOrEqual(fewest);
        expect(heard.length).toBeLessThanOrEqual(most);
        expect(Math.max(...heard)).toBeGreaterThanOrEqual(lastCommitted - 2);
        expect((await fx.store.readStream(id)).version).toBe(40);
      } finally {
        await listener.end();
      }
    },
  );

  it.each([
    ['in one statement (a statement projection fails inside it)', failingStatement],
    ['in a transaction (a projection that is not a statement fails after the INSERT)', failingApply],
  ])('commits the events and their projections together or not at all: %s', async (_, failing) => {
    const { EventStore } = await import('@app/event-store');
    const store = new EventStore(fx.dataSource, fx.schema, undefined, {
      inlineProjections: [streamIndexProjection, failing],
    });
    const handler = new CommandHandler(store);
    const id = await openTally(handler);
    await expect(handleTally(handler, id, tallyCommand('CountTally', { by: 1 }))).rejects.toThrow(/division by zero/);
    expect((await fx.store.readStream(id)).events.map((e) => e.type)).toEqual(['TallyOpened']);
    expect(await indexRow(id)).toEqual({ version: 1, last_event_type: 'TallyOpened' });
  });

  describe('a command decided on the history this process knows', () => {
    const twoProcesses = async () => {
      const { EventStore } = await import('@app/event-store');
      const other = new EventStore(await fx.openDataSource(4), fx.schema, undefined, {
        inlineProjections: [streamIndexProjection],
      });
      return [new CommandHandler(fx.store), new CommandHandler(other)] as const;
    };
    const counting = () => {
      const stats = { decisions: 0 };
      const decider = {
        ...tallyDecider,
        decide: (...args: Parameters<typeof tallyDecider.decide>) => (stats.decisions++, tallyDecider.decide(...args)),
      };
      return { stats, decider };
    };

    it('is appended without a read while it is the whole history, and decided again on a read once another process appended', async () => {
      const [here, there] = await twoProcesses();
      const id = await openTally(here);
      const count = (handler: CommandHandler, by: number, decider = tallyDecider) =>
        handleTally(handler, id, tallyCommand('CountTally', { by }), { decider });
      const known = counting();
      expect((await count(here, 1, known.decider)).state.total).toBe(1);
      expect(known.stats.decisions).toBe(1);
      // The other process appends: what this one knows is no longer the whole history.
      await count(there, 10);
      const stale = counting();
      const result = await count(here, 100, stale.decider);
      // Decided once on the history it knew (refused by the tail check), once more on the stream read.
      expect(stale.stats.decisions).toBe(2);
      expect(result).toMatchObject({ version: 4, state: { total: 111 } });
      expect((await fx.store.readStream(id)).events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
    });

    it('honours an If-Match of the version the stream is at, though this process knew an older one', async () => {
      const [here, there] = await twoProcesses();
      const id = await openTally(here);
      await handleTally(there, id, tallyCommand('CountTally', { by: 5 }));
      const result = await handleTally(here, id, tallyCommand('CountTally', { by: 1 }), { expectedVersion: 2 });
      expect(result).toMatchObject({ version: 3, state: { total: 6 } });
      // And a stale If-Match is still a 409, naming where the stream is.
      await expect(
        handleTally(here, id, tallyCommand('CountTally', { by: 1 }), { expectedVersion: 2 }),
      ).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 3 });
    });
  });

  describe('appends that arrive together share one statement (group commit)', () => {
    // The tail's hash is always given, so no append waits for a read and they reach the store in the order written.
    const counted = (streamId: string, expectedVersion: number, previousHash = GENESIS_HASH) => ({
      streamType: 'Tally',
      streamId,
      expectedVersion,
      previousHash,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: [{ type: 'TallyCounted', data: { by: 1 } }],
    });
    const transactionsOf = async (prefix: string) =>
      Number(
        (
          await fx.dataSource.query(
            `SELECT count(DISTINCT transaction_id)::int AS n FROM "${fx.schema}".events WHERE stream_id LIKE $1`,
            [`${prefix}%`],
          )
        )[0].n,
      );
    const oneAtATime = async (inlineProjections: InlineProjection[] = [streamIndexProjection]) => {
      const { EventStore } = await import('@app/event-store');
      return new EventStore(fx.dataSource, fx.schema, undefined, { inlineProjections, appendConcurrency: 1 });
    };

    it('64 appends to 64 streams at once: far fewer statements than appends, every chain intact, the index right', async () => {
      const store = await oneAtATime();
      const prefix = `group-${randomUUID()}-`;
      const ids = Array.from({ length: 64 }, (_, i) => `${prefix}${i}`);
      const recorded = await Promise.all(ids.map((id) => store.appendToStream(counted(id, 0))));
      expect(recorded.map((r) => r.map((e) => e.streamVersion))).toEqual(ids.map(() => [1]));
      // The first went alone; the 63 that queued behind it went as one more statement (one transaction).
      expect(await transactionsOf(prefix)).toBeLessThanOrEqual(3);
      const verifier = new StreamVerifier(fx.dataSource, fx.schema);
      for (const id of ids) {
        expect((await verifier.verifyStream(id)).ok).toBe(true);
        expect(await indexRow(id)).toEqual({ version: 1, last_event_type: 'TallyCounted' });
      }
    });

    it('a version taken or a stale tail in a shared statement refuses that append alone: 409, the others land', async () => {
      const store = await oneAtATime();
      const prefix = `mixed-${randomUUID()}-`;
      const [taken] = await store.appendToStream(counted(`${prefix}taken`, 0));
      const [stale] = await store.appendToStream(counted(`${prefix}stale`, 0));
      const fresh = Array.from({ length: 10 }, (_, i) => `${prefix}fresh-${i}`);
      const results = await Promise.allSettled([
        store.appendToStream(counted(`${prefix}blocker`, 0)),
        ...fresh.map((id) => store.appendToStream(counted(id, 0))),
        store.appendToStream(counted(`${prefix}taken`, 0)), // version 1 exists: the unique key refuses it
        store.appendToStream(counted(`${prefix}stale`, 1, 'f'.repeat(64))), // not the tail's hash
      ]);
      expect(results.slice(0, 11).map((r) => r.status)).toEqual(Array(11).fill('fulfilled'));
      expect(results[11]).toMatchObject({ status: 'rejected', reason: { expectedVersion: 0, actualVersion: 1 } });
      expect(results[12]).toMatchObject({ status: 'rejected', reason: { expectedVersion: 1, actualVersion: 1 } });
      expect((results[11] as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
      // Nothing of the refused ones was written; their streams still end where they did.
      expect((await fx.store.readStream(`${prefix}taken`)).events.map((e) => e.eventId)).toEqual([taken.eventId]);
      expect((await fx.store.readStream(`${prefix}stale`)).events.map((e) => e.eventId)).toEqual([stale.eventId]);
      for (const id of fresh) expect((await fx.store.readStream(id)).version).toBe(1);
    });

    it('an append whose projection fails fails alone; the appends it was sent with land with their projections', async () => {
      const store = await oneAtATime([streamIndexProjection, poisonStatement]);
      const prefix = `poisoned-${randomUUID()}-`;
      const good = Array.from({ length: 6 }, (_, i) => `${prefix}good-${i}`);
      // The poisoned stream has its index row already (appended without the poison), so the UPDATE reaches it.
      const poison = `poison-${randomUUID()}`;
      const [first] = await fx.store.appendToStream(counted(poison, 0));
      const results = await Promise.allSettled([
        store.appendToStream(counted(`${prefix}blocker`, 0)),
        ...good.map((id) => store.appendToStream(counted(id, 0))),
        store.appendToStream(counted(poison, 1, first.hash)),
      ]);
      expect(results.slice(0, 7).map((r) => r.status)).toEqual(Array(7).fill('fulfilled'));
      expect(results[7]).toMatchObject({
        status: 'rejected',
        reason: { message: expect.stringMatching(/division by zero/) },
      });
      for (const id of good) expect(await indexRow(id)).toEqual({ version: 1, last_event_type: 'TallyCounted' });
      expect((await fx.store.readStream(poison)).version).toBe(1);
    });
  });
});
