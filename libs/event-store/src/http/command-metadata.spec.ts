import { requestContext, type Principal } from '@app/platform';
import { commandMetadata } from './command-metadata';

const context = { correlationId: 'c', requestId: 'r', causationId: 'e' };
const now = new Date('2020-03-01T12:00:00.000Z');
/** The metadata of a command in `context` at `now`, by `actor`. */
const inContext = (actor: { id: string; role: string }) => ({
  actor,
  correlationId: 'c',
  causationId: 'e',
  requestId: 'r',
  now,
});

describe('commandMetadata', () => {
  it('takes the actor from a principal and the ids from the request context', () => {
    const principal: Principal = { sub: 'alice', roles: ['inspector'] };
    const metadata = requestContext.run(context, () => commandMetadata(principal, now));

    expect(metadata).toEqual(inContext({ id: 'alice', role: 'inspector' }));
    expect(metadata.now).toBe(now);
  });

  it('records the role that authorised the call for a principal with several, not the first the token lists', () => {
    const principal: Principal = { sub: 'bob', roles: ['official', 'auditor'], actingRole: 'auditor' };
    const metadata = requestContext.run(context, () => commandMetadata(principal, now));
    expect(metadata.actor).toEqual({ id: 'bob', role: 'auditor' });
  });

  it('refuses to guess the role of a principal with several and none that authorised the call', () => {
    const principal: Principal = { sub: 'bob', roles: ['official', 'auditor'] };
    expect(() => requestContext.run(context, () => commandMetadata(principal, now))).toThrow(
      /several and none that authorised the call/,
    );
  });

  it('accepts an actor given as {id, role}', () => {
    const metadata = requestContext.run(context, () => commandMetadata({ id: 'system', role: 'operator' }, now));
    expect(metadata).toEqual(inContext({ id: 'system', role: 'operator' }));
  });

  it('leaves causationId undefined when the context has none', () => {
    const metadata = requestContext.run({ correlationId: 'c2', requestId: 'r2' }, () =>
      commandMetadata({ id: 'a', role: 'b' }, now),
    );
    expect(metadata.causationId).toBeUndefined();
    expect(metadata.correlationId).toBe('c2');
    expect(metadata.requestId).toBe('r2');
  });

  it('defaults now to the current time', () => {
    const before = Date.now();
    const metadata = requestContext.run(context, () => commandMetadata({ id: 'a', role: 'b' }));
    const after = Date.now();
    expect(metadata.now).toBeInstanceOf(Date);
    expect(metadata.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(metadata.now.getTime()).toBeLessThanOrEqual(after);
  });

  it('throws outside a request or message context', () => {
    expect(requestContext.current()).toBeUndefined();
    expect(() => commandMetadata({ id: 'alice', role: 'inspector' }, now)).toThrow(
      /outside a request or message context/,
    );
  });
});
