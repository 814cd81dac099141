import { randomUUID } from 'node:crypto';
import { CheckpointedReader, GENESIS_HASH, LOG_START, readCommittedEvents } from '@app/event-store';
import { createEventStoreFixture, eventually, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';

// A reader whose handler writes nothing in the database (the outbox relay) saves its position at most every
// saveEveryMs while batches follow each other, at once when it has caught up, and before it lets go of leadership:
// a crash republishes at most what followed the last save, never skips anything.
describe('checkpointed reader outside the database: when the position is saved', () => {
  let fx: EventStoreFixture;

  beforeAll(async () => {
    fx = await createEventStoreFixture('checkpoint_saves');
  });
  afterAll(() => fx?.close());

  const stored = async (name: string) =>
    (
      await fx.dataSource.query(
        `SELECT last_position::text AS position FROM "${fx.schema}".projection_checkpoints WHERE name = $1`,
        [name],
      )
    )[0]?.position as string | undefined;

  const appendEvents = async (count: number) => {
    const streamId = `saves-${randomUUID()}`;
    let previousHash = GENESIS_HASH;
    const positions: string[] = [];
    for (let v = 0; v < count; v++) {
      const [e] = await fx.store.appendToStream({
        streamType: 'Tally',
        streamId,
        expectedVersion: v,
        previousHash,
        metadata: tallyCommand('CountTally', { by: 1 }).metadata,
        events: [{ type: 'TallyCounted', data: { by: 1 } }],
      });
      previousHash = e.hash;
      positions.push(String(e.globalPosition));
    }
    return positions;
  };

  /** A reader from the log's current end, one event a batch, that notes the stored checkpoint as each batch arrives. */
  const readerFromNow = async (name: string, saveEveryMs: number) => {
    const before = await readCommittedEvents(fx.dataSource, fx.schema, LOG_START, 100_000);
    const last = before[before.length - 1];
    if (!last)
      await fx.dataSource.query(
        `INSERT INTO "${fx.schema}".projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
        [name],
      );
    else
      await fx.dataSource.query(
        `INSERT INTO "${fx.schema}".projection_checkpoints (name, last_transaction_id, last_position) VALUES ($1, $2::xid8, $3)
         ON CONFLICT (name) DO NOTHING`,
        [name, last.transactionId, last.globalPosition],
      );
    const start = await stored(name);
    const storedAtBatch: Array<string | undefined> = [];
    const handled: string[] = [];
    const reader = new CheckpointedReader({
      store: fx.store,
      name,
      batchSize: 1,
      idleMs: 20,
      handlerOutsideDatabase: true,
      saveEveryMs,
      handle: async (manager, events) => {
        storedAtBatch.push(await stored(name));
        handled.push(...events.map((e) => String(e.globalPosition)));
      },
    });
    return { reader, start, storedAtBatch, handled };
  };

  it('saves while busy at most every saveEveryMs, and at once when caught up', async () => {
    const name = `saves:${randomUUID()}`;
    const { reader, start, storedAtBatch, handled } = await readerFromNow(name, 60_000);
    const positions = await appendEvents(10);
    reader.start();
    await eventually(
      async () => handled.length,
      (n) => n === 10,
      { what: 'ten batches handled' },
    );
    // The first batch saved (nothing had been saved yet); batches 2..10 followed within the minute: not saved.
    expect(storedAtBatch[0]).toBe(start);
    expect(storedAtBatch.slice(1)).toEqual(Array(9).fill(positions[0]));
    // Caught up (a read found nothing): the last handled position is saved without waiting for the minute.
    await eventually(
      () => stored(name),
      (p) => p === positions[9],
      { what: 'the last position saved once caught up', timeoutMs: 5_000 },
    );
    await reader.stop();
    expect(handled).toEqual(positions);
  });

  it('saves what it handled when it lets go, so the next leader starts after it', async () => {
    const name = `saves:${randomUUID()}`;
    const { reader } = await readerFromNow(name, 60_000);
    const positions = await appendEvents(3);
    // drain(): take the lead, handle everything, let go.
    expect(await reader.drain()).toBe(3);
    expect(await stored(name)).toBe(positions[2]);
    const next = await readerFromNow(name, 60_000);
    expect(await next.reader.drain()).toBe(0);
  });
});
