import { randomUUID } from 'node:crypto';
import {
  CommandHandler,
  createProjectionRunner,
  dailyEventCountsProjection,
  ProjectionRebuilder,
  streamIndexProjection,
} from '@app/event-store';
import { createEventStoreFixture, eventually, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';
import { handleTally } from '../../support/tally-handling';

describe('projections: inline, asynchronous, resumed, rebuilt', () => {
  let fx: EventStoreFixture;
  let handler: CommandHandler;
  const table = (name: string) => `"es_test"."${name}"`;

  beforeAll(async () => {
    fx = await createEventStoreFixture('projections', { poolSize: 20, inlineProjections: [streamIndexProjection] });
    handler = new CommandHandler(fx.store);
    // 60 streams, 1 + 24 events each: 1,500 events.
    await Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let s = 0; s < 10; s++) {
          const id = `tally-${worker}-${s}-${randomUUID()}`;
          await handleTally(handler, id, tallyCommand('OpenTally', { tallyId: id, label: 'p' }));
          for (let i = 0; i < 24; i++) {
            await handleTally(handler, id, tallyCommand('CountTally', { by: 1 }));
          }
        }
      }),
    );
  });
  afterAll(() => fx?.close());

  it('keeps the inline projection in step with every append, also appends without a decider', async () => {
    const [row] = await fx.dataSource.query(
      `SELECT count(*)::int AS streams, sum(version)::int AS events FROM ${table('stream_index')}`,
    );
    expect(row).toEqual({ streams: 60, events: 1500 });
    const id = `direct-${randomUUID()}`;
    await fx.store.appendToStream({
      streamType: 'Tally',
      streamId: id,
      expectedVersion: 0,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: [
        { type: 'TallyOpened', data: { tallyId: id, label: 'd' } },
        { type: 'TallyCounted', data: { by: 2 } },
      ],
    });
    const [direct] = await fx.dataSource.query(
      `SELECT version, last_event_type FROM ${table('stream_index')} WHERE stream_id = $1`,
      [id],
    );
    expect(direct).toEqual({ version: 2, last_event_type: 'TallyCounted' });
  });

  it('resumes an asynchronous projection after its session is killed and after its runner dies, ending identical to a rebuild', async () => {
    // Slowed down so the kill lands mid-run: 30 batches of 50 events, 30 ms each.
    const slowed = {
      ...dailyEventCountsProjection,
      apply: async (...args: Parameters<typeof dailyEventCountsProjection.apply>) => {
        await new Promise((r) => setTimeout(r, 30));
        return dailyEventCountsProjection.apply(...args);
      },
    };
    const runner = createProjectionRunner(fx.store, slowed, { batchSize: 50, idleMs: 10 });
    const checkpoint = async () =>
      Number(
        (
          await fx.dataSource.query(
            `SELECT last_position FROM "es_test".projection_checkpoints WHERE name = 'projection:daily-event-counts'`,
          )
        )[0]?.last_position ?? 0,
      );
    runner.start();
    await eventually(checkpoint, (p) => p > 0, { what: 'first checkpoint' });

    // Kill the database session holding the projection's advisory lock (in this test's database), mid-run.
    const beforeKill = await checkpoint();
    const killed = await fx.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(killed.length).toBe(1);

    // A second instance stands by while the first one reconnects and leads again.
    const standby = createProjectionRunner(fx.store, slowed, { batchSize: 50, idleMs: 10 });
    standby.start();
    await eventually(checkpoint, (p) => p > beforeKill, { what: 'progress after the kill' });
    const midway = await checkpoint();
    await runner.stop(); // the first instance dies; the standby takes over from its checkpoint
    const [{ total }] = await fx.dataSource.query(`SELECT max(global_position)::int AS total FROM "es_test".events`);
    await eventually(checkpoint, (p) => p === total, { timeoutMs: 30_000, what: 'caught up' });
    await standby.stop();
    expect(midway).toBeLessThanOrEqual(total);

    const [{ counted }] = await fx.dataSource.query(
      `SELECT sum(events)::int AS counted FROM ${table('daily_event_counts')}`,
    );
    expect(counted).toBe(1502);
    const result = await new ProjectionRebuilder(fx.store).rebuild(dailyEventCountsProjection, { verify: true });
    expect(result.differences).toEqual({
      onlyInLive: [],
      onlyInRebuilt: [],
      onlyInLiveCount: 0,
      onlyInRebuiltCount: 0,
    });
  });

  it('reports the rows a damaged live table differs in', async () => {
    await fx.dataSource.query(
      `UPDATE ${table('stream_index')} SET version = version + 1 WHERE stream_id IN (SELECT stream_id FROM ${table('stream_index')} LIMIT 2)`,
    );
    const progress: number[] = [];
    const result = await new ProjectionRebuilder(fx.store).rebuild(streamIndexProjection, {
      verify: true,
      onProgress: (p) => progress.push(p.eventsRead),
    });
    expect(result.differences?.onlyInLiveCount).toBe(2);
    expect(result.differences?.onlyInRebuiltCount).toBe(2);
    expect(result.differences?.onlyInLive[0]).toHaveProperty('stream_id');
    expect(result.eventsRead).toBe(1502);
    expect(progress[progress.length - 1]).toBe(1502);
  });

  it('swaps a rebuilt table in while appends go on, and readers never see it empty', async () => {
    let readerRuns = 0;
    let emptySeen = 0;
    let errors = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        try {
          const [{ n }] = await fx.dataSource.query(`SELECT count(*)::int AS n FROM ${table('stream_index')}`);
          if (n === 0) emptySeen++;
        } catch {
          errors++;
        }
        readerRuns++;
      }
    })();
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const id = `late-${randomUUID()}`;
        await handleTally(handler, id, tallyCommand('OpenTally', { tallyId: id, label: 'late' }));
      }
    })();
    const result = await new ProjectionRebuilder(fx.store).rebuild(streamIndexProjection);
    writing = false;
    await writer;
    reading = false;
    await reader;
    expect(result.swapped).toBe(true);
    expect(readerRuns).toBeGreaterThan(0);
    expect({ emptySeen, errors }).toEqual({ emptySeen: 0, errors: 0 });
    // The swapped-in table is exactly what the events say, the earlier damage included.
    const check = await new ProjectionRebuilder(fx.store).rebuild(streamIndexProjection, { verify: true });
    expect(check.differences?.onlyInLiveCount).toBe(0);
    expect(check.differences?.onlyInRebuiltCount).toBe(0);
    // A second swap works too (index names were carried over).
    expect((await new ProjectionRebuilder(fx.store).rebuild(streamIndexProjection)).swapped).toBe(true);
  });
});
