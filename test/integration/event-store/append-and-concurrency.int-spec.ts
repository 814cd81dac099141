import { randomUUID } from 'node:crypto';
import { CommandHandler, loadAggregate, StreamVerifier, VersionConflictError } from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand, tallyDecider, TallyClosedError } from '../../support/tally.decider';
import { handleTally, openTally } from '../../support/tally-handling';

describe('event store: append, optimistic concurrency, metadata, time travel', () => {
  let fx: EventStoreFixture;
  let handler: CommandHandler;

  beforeAll(async () => {
    fx = await createEventStoreFixture('append', { poolSize: 60 });
    handler = new CommandHandler(fx.store);
  });
  afterAll(() => fx?.close());

  const open = (id?: string) => openTally(handler, id);

  it('50 concurrent appends with the same expected version: exactly one wins, 49 get a conflict naming both versions', async () => {
    const id = await open();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        handleTally(handler, id, tallyCommand('CountTally', { by: i + 1 }), { expectedVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const failure of lost) {
      expect(failure.reason).toBeInstanceOf(VersionConflictError);
      expect(failure.reason).toMatchObject({ httpStatus: 409, expectedVersion: 1, actualVersion: 2, streamId: id });
      expect(failure.reason.message).toMatch(/version 2, not the expected 1/);
    }
    const stream = await fx.store.readStream(id);
    expect(stream.version).toBe(2);
    expect(stream.events.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it('takes a stream id with quotes, backslashes and SQL in it as plain text (its read opens the transaction inlined)', async () => {
    const id = `it's \\ odd'; DROP TABLE events; -- ${randomUUID()}`;
    await open(id);
    await handleTally(handler, id, tallyCommand('CountTally', { by: 2 }));
    await fx.store.appendToStream({
      streamType: 'Tally',
      streamId: id,
      expectedVersion: 2,
      metadata: tallyCommand('CountTally', { by: 3 }).metadata,
      events: [{ type: 'TallyCounted', data: { by: 3 } }],
    });
    const stream = await fx.store.readStream(id);
    expect(stream.streamId).toBe(id);
    expect(stream.events.map((e) => [e.streamId, e.streamVersion])).toEqual([
      [id, 1],
      [id, 2],
      [id, 3],
    ]);
    expect((await new StreamVerifier(fx.dataSource, fx.schema).verifyStream(id)).ok).toBe(true);
  });

  it('refuses with 404 a command that needs its stream when there is none or it is another aggregate, before If-Match', async () => {
    const missing = `tally-${randomUUID()}`;
    const count = (streamId: string, streamType = 'Tally') =>
      handler.handle({
        decider: tallyDecider,
        streamType,
        streamId,
        expectedVersion: 7,
        notFound: 'Tally',
        command: tallyCommand('CountTally', { by: 1 }),
      });
    await expect(count(missing)).rejects.toMatchObject({ httpStatus: 404, message: `Tally ${missing} was not found` });
    const other = await open();
    await expect(count(other, 'Counter')).rejects.toMatchObject({ httpStatus: 404 });
    await expect(count(other)).rejects.toMatchObject({ httpStatus: 409 });
    expect((await fx.store.readStream(missing)).version).toBe(0);
  });

  it('retries on conflict when the command allows it, losing no count', async () => {
    const id = await open();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        handleTally(handler, id, tallyCommand('CountTally', { by: 1 }), { retryOnConflict: 50 }),
      ),
    );
    const loaded = await loadAggregate(fx.store, tallyDecider, id);
    expect(loaded.version).toBe(21);
    expect(loaded.state.total).toBe(20);
  });

  it('refuses a stale If-Match version before deciding', async () => {
    const id = await open();
    await handleTally(handler, id, tallyCommand('CountTally', { by: 1 }));
    await expect(
      handleTally(handler, id, tallyCommand('CountTally', { by: 1 }), { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'version_conflict', expectedVersion: 1, actualVersion: 2 });
  });

  it('turns a rule the decider refuses into its domain error and appends nothing', async () => {
    const id = await open();
    await handleTally(handler, id, tallyCommand('CloseTally', { reason: 'done' }));
    await expect(handleTally(handler, id, tallyCommand('CountTally', { by: 1 }))).rejects.toBeInstanceOf(
      TallyClosedError,
    );
    expect((await fx.store.readStream(id)).version).toBe(2);
  });

  it('stores actor, correlation, causation and request ids, and the time from the command', async () => {
    const id = `tally-${randomUUID()}`;
    const now = new Date('2020-03-01T09:30:00.000Z');
    const command = tallyCommand('OpenTally', { tallyId: id, label: 'meta' }, now);
    command.metadata = {
      now,
      actor: { id: 'alice', role: 'inspector' },
      correlationId: 'c-1',
      causationId: 'e-0',
      requestId: 'r-1',
    };
    await handleTally(handler, id, command);
    const [event] = (await fx.store.readStream(id)).events;
    expect(event.metadata).toEqual({
      actorId: 'alice',
      actorRole: 'inspector',
      correlationId: 'c-1',
      causationId: 'e-0',
      requestId: 'r-1',
    });
    expect(event.occurredAt.toISOString()).toBe('2020-03-01T09:30:00.000Z');
    expect(event.streamType).toBe('Tally');
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('loads an aggregate as of a version and as of a moment', async () => {
    const id = await open();
    await handleTally(handler, id, tallyCommand('CountTally', { by: 5 }));
    // recorded_at has microseconds, a Date only milliseconds: step past the millisecond of the last append.
    await new Promise((r) => setTimeout(r, 5));
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await handleTally(handler, id, tallyCommand('CountTally', { by: 7 }));

    expect((await loadAggregate(fx.store, tallyDecider, id)).state.total).toBe(12);
    const v2 = await loadAggregate(fx.store, tallyDecider, id, { version: 2 });
    expect({ version: v2.version, total: v2.state.total }).toEqual({ version: 2, total: 5 });
    const then = await loadAggregate(fx.store, tallyDecider, id, { time: between });
    expect({ version: then.version, total: then.state.total }).toEqual({ version: 2, total: 5 });
    const before = await loadAggregate(fx.store, tallyDecider, id, { time: new Date('2000-01-01T00:00:00Z') });
    expect(before.version).toBe(0);
  });

  it('refuses UPDATE and DELETE on the events table', async () => {
    const id = await open();
    await expect(
      fx.dataSource.query(`UPDATE "${fx.schema}".events SET payload = '{}' WHERE stream_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(fx.dataSource.query(`DELETE FROM "${fx.schema}".events WHERE stream_id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
  });
});
