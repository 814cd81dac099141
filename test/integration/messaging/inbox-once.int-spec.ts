import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { GENESIS_HASH } from '@app/event-store';
import { Inbox } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import type { EntityManager } from 'typeorm';
import { tallyCommand } from '../../support/tally.decider';

// Inbox.once outside a consumer's run (a handler called on its own): its own transaction, opened with the log lock and
// the look for the message's inbox row in one round trip. Runs (consumer-runs.int-spec) take the other branch.
describe('Inbox.once outside a run: one effect per message', () => {
  let fx: EventStoreFixture;
  let inbox: Inbox;
  const consumer = 'inbox-once-test';

  beforeAll(async () => {
    fx = await createEventStoreFixture('inbox_once');
    await fx.dataSource.query(`CREATE TABLE "${fx.schema}".effects (event_id uuid NOT NULL, note text NOT NULL)`);
    inbox = new Inbox(fx.dataSource, { schema: fx.schema } as ServiceDefinition, new Registry());
  });
  afterAll(() => fx?.close());

  const effectRows = async (eventId: string) =>
    Number(
      (await fx.dataSource.query(`SELECT count(*) AS n FROM "${fx.schema}".effects WHERE event_id = $1`, [eventId]))[0]
        .n,
    );
  const inboxRows = async (eventId: string) =>
    Number(
      (
        await fx.dataSource.query(
          `SELECT count(*) AS n FROM "${fx.schema}".inbox WHERE consumer = $1 AND event_id = $2`,
          [consumer, eventId],
        )
      )[0].n,
    );
  const writeEffect = (eventId: string) => (manager: EntityManager) =>
    manager.query(`INSERT INTO "${fx.schema}".effects VALUES ($1, 'effect')`, [eventId]).then(() => undefined);

  it('handles a message once: a second delivery is a duplicate and its effect does not run', async () => {
    const eventId = randomUUID();
    expect(await inbox.once(consumer, { eventId }, writeEffect(eventId))).toBe('handled');
    expect(await inbox.once(consumer, { eventId }, writeEffect(eventId))).toBe('duplicate');
    expect({ effects: await effectRows(eventId), inbox: await inboxRows(eventId) }).toEqual({ effects: 1, inbox: 1 });
  });

  it('two deliveries at once: one handled, one duplicate, one effect', async () => {
    const eventId = randomUUID();
    const slowEffect = async (manager: EntityManager) => {
      await manager.query('SELECT pg_sleep(0.2)');
      await writeEffect(eventId)(manager);
    };
    const outcomes = await Promise.all([
      inbox.once(consumer, { eventId }, slowEffect),
      inbox.once(consumer, { eventId }, slowEffect),
    ]);
    expect(outcomes.sort()).toEqual(['duplicate', 'handled']);
    expect({ effects: await effectRows(eventId), inbox: await inboxRows(eventId) }).toEqual({ effects: 1, inbox: 1 });
  });

  it('an effect that writes elsewhere and then appends is not refused: the transaction opened with the log lock', async () => {
    const eventId = randomUUID();
    const streamId = `once-${randomUUID()}`;
    const outcome = await inbox.once(consumer, { eventId }, async (manager) => {
      await writeEffect(eventId)(manager);
      await fx.store.append(manager, {
        streamType: 'Tally',
        streamId,
        expectedVersion: 0,
        previousHash: GENESIS_HASH,
        events: [{ type: 'TallyCounted', data: { by: 1 } }],
        metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      });
    });
    expect(outcome).toBe('handled');
    expect((await fx.store.readStream(streamId)).version).toBe(1);
    expect(await effectRows(eventId)).toBe(1);
  });

  it('a failing effect leaves neither its writes nor an inbox row, so the message is handled when it comes again', async () => {
    const eventId = randomUUID();
    await expect(
      inbox.once(consumer, { eventId }, async (manager) => {
        await writeEffect(eventId)(manager);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect({ effects: await effectRows(eventId), inbox: await inboxRows(eventId) }).toEqual({ effects: 0, inbox: 0 });
    expect(await inbox.once(consumer, { eventId }, writeEffect(eventId))).toBe('handled');
    expect({ effects: await effectRows(eventId), inbox: await inboxRows(eventId) }).toEqual({ effects: 1, inbox: 1 });
  });

  it('an effect that swallows a failed statement commits nothing: the message is not marked handled', async () => {
    const eventId = randomUUID();
    await expect(
      inbox.once(consumer, { eventId }, async (manager) => {
        await writeEffect(eventId)(manager);
        await manager.query('SELECT 1 / 0').catch(() => undefined);
      }),
    ).rejects.toThrow();
    expect({ effects: await effectRows(eventId), inbox: await inboxRows(eventId) }).toEqual({ effects: 0, inbox: 0 });
  });

  it('refuses an event id that is not a uuid before any SQL is sent', async () => {
    await expect(inbox.once(consumer, { eventId: "x'; DROP TABLE inbox; --" }, async () => undefined)).rejects.toThrow(
      /not a uuid/,
    );
  });
});
