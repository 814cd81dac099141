import { randomUUID } from 'node:crypto';
import { EventStore, StreamVerifier, UpcasterRegistry } from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';

describe('schema versions and upcasters', () => {
  let fx: EventStoreFixture;

  beforeAll(async () => {
    fx = await createEventStoreFixture('upcasting');
  });
  afterAll(() => fx?.close());

  it('reads a stored v1 event as v2 through a registered upcaster, never rewriting it', async () => {
    const streamId = `tally-${randomUUID()}`;
    const v1Store = new EventStore(fx.dataSource, fx.schema);
    await v1Store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      events: [{ type: 'TallyCounted', data: { by: 3 } }],
      metadata: tallyCommand('CountTally', { by: 3 }).metadata,
    });

    const upcasters = new UpcasterRegistry().register('TallyCounted', 1, (p) => ({ amount: p.by, unit: 'each' }));
    const v2Store = new EventStore(fx.dataSource, fx.schema, upcasters);
    const [read] = (await v2Store.readStream(streamId)).events;
    expect(read.schemaVersion).toBe(2);
    expect(read.data).toEqual({ amount: 3, unit: 'each' });

    const [stored] = await fx.dataSource.query(
      `SELECT schema_version, payload FROM "${fx.schema}".events WHERE stream_id = $1`,
      [streamId],
    );
    expect(stored).toEqual({ schema_version: 1, payload: { by: 3 } });
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(streamId)).ok).toBe(true);

    // New events are written at the newest version and not upcast again.
    await v2Store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 1,
      events: [{ type: 'TallyCounted', data: { amount: 4, unit: 'each' } }],
      metadata: tallyCommand('CountTally', { by: 4 }).metadata,
    });
    const events = (await v2Store.readStream(streamId)).events;
    expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { amount: 3, unit: 'each' }],
      [2, { amount: 4, unit: 'each' }],
    ]);
  });

  it('chains upcasters v1 → v2 → v3 and refuses a duplicate registration', () => {
    const registry = new UpcasterRegistry()
      .register('X', 1, (p) => ({ ...p, b: 1 }))
      .register('X', 2, (p) => ({ ...p, c: 2 }));
    expect(registry.currentVersion('X')).toBe(3);
    expect(registry.upcast('X', 1, { a: 0 })).toEqual({ schemaVersion: 3, payload: { a: 0, b: 1, c: 2 } });
    expect(registry.upcast('X', 3, { a: 0 })).toEqual({ schemaVersion: 3, payload: { a: 0 } });
    expect(() => registry.register('X', 1, (p) => p)).toThrow(/already registered/);
  });
});
