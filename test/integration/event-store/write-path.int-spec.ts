import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  CommandHandler,
  StreamVerifier,
  statementProjection,
  streamIndexProjection,
  VersionConflictError,
  type InlineProjection,
} from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand, tallyDecider } from '../../support/tally.decider';

// The write path's shortcuts keep every guarantee of the long way: a command's writers in one process take turns on
// a stream instead of colliding; an append chained onto a tail that is not the stream's is refused, never a gap;
// and the one statement that appends, projects and wakes the relay commits all of it or nothing.

/** A statement projection whose statement fails (division by zero) as soon as it runs. */
const failingStatement: InlineProjection = statementProjection({
  name: 'failing-statement',
  table: 'stream_index',
  mode: 'inline',
  handles: (event) => event.type === 'TallyCounted',
  createTable: () => '',
  reads: ['stream_id'],
  statement: (from, table) => `UPDATE ${table} SET version = 1 / 0 WHERE stream_id IN (SELECT stream_id FROM ${from})`,
});

/** The same failure, but as a projection that is not a statement (it runs in a transaction after the INSERT). */
const failingApply: InlineProjection = {
  name: 'failing-apply',
  table: 'stream_index',
  mode: 'inline',
  handles: (event) => event.type === 'TallyCounted',
  createTable: () => '',
  apply: async (manager) => void (await manager.query('SELECT 1 / 0')),
};

describe('event store: the write path', () => {
  let fx: EventStoreFixture;

  beforeAll(async () => {
    fx = await createEventStoreFixture('write-path', { poolSize: 30, inlineProjections: [streamIndexProjection] });
  });
  afterAll(() => fx?.close());

  const open = async (handler: CommandHandler, id = `tally-${randomUUID()}`) => {
    await handler.handle({
      decider: tallyDecider,
      streamType: 'Tally',
      streamId: id,
      command: tallyCommand('OpenTally', { tallyId: id, label: 'x' }),
    });
    return id;
  };
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
    const id = await open(handler);
    await handler.handle({
      decider: tallyDecider,
      streamType: 'Tally',
      streamId: id,
      command: tallyCommand('CountTally', { by: 2 }),
    });
    expect(await indexRow(id)).toEqual({ version: 2, last_event_type: 'TallyCounted' });
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it('16 concurrent commands on one stream in one process take turns: 16 decisions, no conflict retried, none lost', async () => {
    const handler = new CommandHandler(fx.store);
    const id = await open(handler);
    let decisions = 0;
    const counting = {
      ...tallyDecider,
      decide: (...args: Parameters<typeof tallyDecider.decide>) => (decisions++, tallyDecider.decide(...args)),
    };
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        handler.handle({
          decider: counting,
          streamType: 'Tally',
          streamId: id,
          command: tallyCommand('CountTally', { by: i + 1 }),
          retryOnConflict: 50,
        }),
      ),
    );
    const stream = await fx.store.readStream(id);
    expect(stream.version).toBe(17);
    expect(decisions).toBe(16);
    expect(stream.events.slice(1).reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBe(136);
  });

  it('decides a hot stream on what it knew plus what came since: two processes, 12 commands each, all land on the right state', async () => {
    // Two handlers on two pools are two processes: each queues its own commands and keeps the stream's history
    // between them, while the other appends underneath.
    const other = new (await import('@app/event-store')).EventStore(await fx.openDataSource(10), fx.schema, undefined, {
      inlineProjections: [streamIndexProjection],
    });
    const [here, there] = [new CommandHandler(fx.store), new CommandHandler(other)];
    const id = await open(here);
    const totals: number[] = [];
    await Promise.all(
      [here, there].flatMap((handler, h) =>
        Array.from({ length: 12 }, (_, i) =>
          handler
            .handle({
              decider: tallyDecider,
              streamType: 'Tally',
              streamId: id,
              command: tallyCommand('CountTally', { by: h * 100 + i + 1 }),
              retryOnConflict: 50,
            })
            .then((result) => totals.push(result.state.total)),
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
    const id = await open(handler);
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
    const id = await open(handler);
    await expect(
      handler.handle({
        decider: tallyDecider,
        streamType: 'Tally',
        streamId: id,
        command: tallyCommand('CountTally', { by: 1 }),
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await fx.store.readStream(id)).events.map((e) => e.type)).toEqual(['TallyOpened']);
    expect(await indexRow(id)).toEqual({ version: 1, last_event_type: 'TallyOpened' });
  });
});
