import { randomUUID } from 'node:crypto';
import { AggregateCommands, CommandHandler, defineAggregate, requestThread, streamThread } from '@app/event-store';
import { requestContext, type RequestContext } from '@app/platform';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyDecider, type TallyCommand } from '../../support/tally.decider';
import { Clock, NotFoundError } from '@app/domain-kernel';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const ACTOR = { id: 'tester', role: 'operator' };
const NOW = new Date('2026-03-01T09:00:00.000Z');

/** A request (or message) of its own thread, as the request-context middleware would open it. */
function inRequest<T>(correlationId: string, fn: () => Promise<T>, given = false): Promise<T> {
  const context: RequestContext = { correlationId, requestId: randomUUID(), correlationGiven: given };
  return requestContext.run(context, fn);
}

// AggregateCommands against real Postgres: what one declaration per aggregate gives every command on it.
describe('aggregate commands: one declaration per aggregate', () => {
  let fx: EventStoreFixture;
  let commands: AggregateCommands;

  const tally = defineAggregate({
    name: 'Tally',
    streamType: 'Tally',
    decider: tallyDecider,
    creates: ['OpenTally'],
    thread: streamThread,
  });
  const open = async (aggregate: typeof tally = tally, correlationId = `open-${randomUUID()}`) => {
    const id = `tally-${randomUUID()}`;
    await inRequest(correlationId, () =>
      commands.execute(aggregate, id, 'OpenTally', { tallyId: id, label: 'x' }, ACTOR, { expectedVersion: 0 }),
    );
    return id;
  };

  beforeAll(async () => {
    fx = await createEventStoreFixture('aggregate-commands', { poolSize: 20 });
    commands = new AggregateCommands(new CommandHandler(fx.store), new FixedClock(NOW));
  });
  afterAll(() => fx?.close());

  it('retries a command 3 times on a concurrent append unless declared otherwise, and needs what creates a stream', () => {
    expect(tally.retryOnConflict).toBe(3);
    expect(defineAggregate({ ...tally, retryOnConflict: 0 }).retryOnConflict).toBe(0);
    expect(() => defineAggregate({ ...tally, creates: [] })).toThrow(/Tally: name the command/);
  });

  it('appends with the actor, the request thread and the clock, and answers the new version and state', async () => {
    const id = `tally-${randomUUID()}`;
    const result = await inRequest('corr-open', () =>
      commands.execute(tally, id, 'OpenTally', { tallyId: id, label: 'first' }, ACTOR),
    );
    expect(result).toMatchObject({ streamId: id, version: 1, state: { status: 'open', label: 'first' } });
    const [event] = (await fx.store.readStream(id)).events;
    expect(event).toMatchObject({ streamType: 'Tally', type: 'TallyOpened', occurredAt: NOW });
    expect(event.metadata).toMatchObject({ actorId: 'tester', actorRole: 'operator', correlationId: 'corr-open' });
  });

  it('takes the time a command happened at when given one', async () => {
    const id = await open();
    const at = new Date('2026-02-01T00:00:00.000Z');
    await inRequest('corr-at', () => commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR, { at }));
    expect((await fx.store.readStream(id)).events[1].occurredAt).toEqual(at);
  });

  it('is a 404 naming the aggregate for any command but the creating one on a missing stream, before If-Match', async () => {
    const missing = `tally-${randomUUID()}`;
    const count = inRequest('corr-404', () =>
      commands.execute(tally, missing, 'CountTally', { by: 1 }, ACTOR, { expectedVersion: 3 }),
    );
    await expect(count).rejects.toBeInstanceOf(NotFoundError);
    await expect(count).rejects.toMatchObject({ message: `Tally ${missing} was not found` });
    expect((await fx.store.readStream(missing)).version).toBe(0);
  });

  it('is a 409 naming both versions when If-Match is stale', async () => {
    const id = await open();
    await expect(
      inRequest('corr-409', () => commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR, { expectedVersion: 2 })),
    ).rejects.toMatchObject({ code: 'version_conflict', expectedVersion: 2, actualVersion: 1 });
  });

  it('decides again on fresh state after a concurrent append, as often as the declaration allows', async () => {
    const patient = defineAggregate({ ...tally, retryOnConflict: 50 });
    const id = await open(patient);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inRequest(`corr-race-${i}`, () => commands.execute(patient, id, 'CountTally', { by: 1 }, ACTOR)),
      ),
    );
    const stream = await fx.store.readStream(id);
    expect(stream.version).toBe(21);
    expect(stream.events.slice(1).every((e) => e.type === 'TallyCounted')).toBe(true);
  });

  it("keeps a stream-thread aggregate's later steps on its first event's thread, unless the caller named one", async () => {
    const id = await open(tally, 'corr-citizen');
    await inRequest('corr-official', () => commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR));
    await inRequest('corr-named', () => commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR), true);
    const threads = (await fx.store.readStream(id)).events.map((e) => e.metadata.correlationId);
    expect(threads).toEqual(['corr-citizen', 'corr-citizen', 'corr-named']);
  });

  it("keeps each command of a request-thread aggregate on its request's thread", async () => {
    const ledger = defineAggregate({ ...tally, thread: requestThread });
    const id = await open(ledger, 'corr-first');
    await inRequest('corr-second', () => commands.execute(ledger, id, 'CountTally', { by: 1 }, ACTOR));
    const threads = (await fx.store.readStream(id)).events.map((e) => e.metadata.correlationId);
    expect(threads).toEqual(['corr-first', 'corr-second']);
  });

  it('joins the thread a policy of its own finds for the command, or the request’s when it finds none', async () => {
    const seen: TallyCommand['type'][] = [];
    const closing = defineAggregate({
      ...tally,
      thread: (history, command) => {
        seen.push(command.type);
        return command.type === 'CloseTally' ? history[0].metadata.correlationId : undefined;
      },
    });
    const id = await open(closing, 'corr-opened');
    await inRequest('corr-count', () => commands.execute(closing, id, 'CountTally', { by: 1 }, ACTOR));
    await inRequest('corr-close', () => commands.execute(closing, id, 'CloseTally', { reason: 'done' }, ACTOR));
    const threads = (await fx.store.readStream(id)).events.map((e) => e.metadata.correlationId);
    expect(threads).toEqual(['corr-opened', 'corr-count', 'corr-opened']);
    expect(seen).toEqual(['CountTally', 'CloseTally']);
  });

  it('writes what goes alongside in the append’s transaction: both commit, or neither', async () => {
    await fx.dataSource.query(`CREATE TABLE IF NOT EXISTS alongside_notes (stream_id text, versions int[])`);
    const id = await open();
    await inRequest('corr-note', () =>
      commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR, {
        alongside: (manager, appended) =>
          manager.query(`INSERT INTO alongside_notes VALUES ($1, $2)`, [id, appended.map((e) => e.streamVersion)]),
      }),
    );
    expect(await fx.dataSource.query(`SELECT versions FROM alongside_notes WHERE stream_id = $1`, [id])).toEqual([
      { versions: [2] },
    ]);
    await expect(
      inRequest('corr-fail', () =>
        commands.execute(tally, id, 'CountTally', { by: 1 }, ACTOR, {
          alongside: () => Promise.reject(new Error('the personal-data write failed')),
        }),
      ),
    ).rejects.toThrow('the personal-data write failed');
    expect((await fx.store.readStream(id)).version).toBe(2);
  });

  it("joins the caller's transaction when given its manager: rolled back with it", async () => {
    const id = await open();
    await expect(
      fx.dataSource.transaction(async (manager) => {
        await inRequest('corr-tx', () => commands.execute(tally, id, 'CountTally', { by: 5 }, ACTOR, { manager }));
        throw new Error('the inbox transaction failed');
      }),
    ).rejects.toThrow('the inbox transaction failed');
    expect((await fx.store.readStream(id)).version).toBe(1);
  });
});
