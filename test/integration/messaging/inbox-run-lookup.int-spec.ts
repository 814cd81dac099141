import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { createEventStoreFixture, tableIoMeter, type EventStoreFixture } from '@app/testing';
import { InboxBatch } from '../../../libs/messaging/src/inbox/inbox-batch';

// A run of messages opens by reading the inbox rows of its event ids, for any consumer (InboxBatch.within). The inbox
// holds a row for every message ever handled, so that read must go through the key: with the key led by the consumer
// it scanned the whole table on every run, a cost that grew with the service's age.
describe('the inbox read that opens a run', () => {
  let fx: EventStoreFixture;
  const consumers = ['lookup-a', 'lookup-b'];
  const handled = Array.from({ length: 3 }, () => randomUUID());
  const fresh = Array.from({ length: 3 }, () => randomUUID());
  const keyMigration = eventStoreMigrations
    .map((M) => new M())
    .find((m) => m.name === 'InboxEventFirstKey1768000000000')!;

  beforeAll(async () => {
    fx = await createEventStoreFixture('inbox_run_lookup', { migrations: messagingMigrations });
    // 40,000 rows of earlier messages, enough that the planner scans the table only when no index serves the read.
    await fx.dataSource.query(
      `INSERT INTO "${fx.schema}".inbox (consumer, event_id)
       SELECT c, gen_random_uuid() FROM unnest($1::text[]) AS c, generate_series(1, 20000)`,
      [consumers],
    );
    await fx.dataSource.query(
      `INSERT INTO "${fx.schema}".inbox (consumer, event_id) VALUES ($1, $2), ($1, $3), ($4, $3)`,
      [consumers[0], handled[0], handled[1], consumers[1]],
    );
    await fx.dataSource.query(`INSERT INTO "${fx.schema}".inbox (consumer, event_id) VALUES ($1, $2)`, [
      consumers[1],
      handled[2],
    ]);
    await fx.dataSource.query(`ANALYZE "${fx.schema}".inbox`);
  });
  afterAll(() => fx?.close());

  const measure = tableIoMeter(() => fx, ['inbox']);
  /** Opens a run over handled and fresh ids: what it found handled, and how the inbox was scanned meanwhile. */
  const openRun = async () => {
    const {
      result: found,
      seqScans,
      indexScans,
    } = await measure(async (db) => {
      let handledFound: string[] = [];
      await InboxBatch.within(
        db,
        fx.schema,
        { isolation: 'READ COMMITTED', topic: 'lookup', eventIds: [...handled, ...fresh], streamIds: ['lookup-1'] },
        async (run) => {
          handledFound = consumers.flatMap((c) =>
            [...handled, ...fresh].filter((id) => run.handled(c, id)).map((id) => `${c} ${id}`),
          );
        },
      );
      return handledFound;
    });
    return { scans: { seq: seqScans, index: indexScans }, found };
  };
  const expectedFound = [
    `${consumers[0]} ${handled[0]}`,
    `${consumers[0]} ${handled[1]}`,
    `${consumers[1]} ${handled[1]}`,
    `${consumers[1]} ${handled[2]}`,
  ].sort();

  it('goes through the key led by the event id: no scan of the inbox, every consumer`s rows found', async () => {
    const { scans, found } = await openRun();
    expect(found.sort()).toEqual(expectedFound);
    expect(scans.seq).toBe(0);
    // Through the key: one descent per event id on PostgreSQL 15, fewer where a version walks the ids in one pass.
    expect(scans.index).toBeGreaterThanOrEqual(1);
  });

  it('with the old key (consumer first) the same read scans the whole inbox: what the migration ended', async () => {
    const runner = fx.dataSource.createQueryRunner();
    try {
      await keyMigration.down(runner);
      await fx.dataSource.query(`ANALYZE "${fx.schema}".inbox`);
      const { scans, found } = await openRun();
      expect(found.sort()).toEqual(expectedFound);
      expect(scans.seq).toBe(1);
      expect(scans.index).toBe(0);
    } finally {
      await keyMigration.up(runner);
      await runner.release();
    }
  });

  it('the key still refuses a second row for the same consumer and event, and takes the same event for another', async () => {
    const eventId = randomUUID();
    const insert = (consumer: string) =>
      fx.dataSource.query(
        `INSERT INTO "${fx.schema}".inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumer, eventId],
      );
    expect(await insert(consumers[0])).toHaveLength(1);
    expect(await insert(consumers[0])).toHaveLength(0);
    expect(await insert(consumers[1])).toHaveLength(1);
    await expect(
      fx.dataSource.query(`INSERT INTO "${fx.schema}".inbox (consumer, event_id) VALUES ($1, $2)`, [
        consumers[0],
        eventId,
      ]),
    ).rejects.toThrow(/inbox_pkey/);
  });
});
