import { createHash } from 'node:crypto';
import { Clock, ForbiddenError, TooManyRequestsError } from '@app/domain-kernel';
import { Open311Clients } from './open311-clients';
import { loadOpen311Config } from './open311.config';

describe('registered Open311 clients', () => {
  const digest = (key: string) => createHash('sha256').update(key).digest('hex');
  const clients = () =>
    new Open311Clients(
      loadOpen311Config({
        OPEN311_API_KEYS: `fixmystreet=${digest('key-one')},city-app=${digest('key-two')}`,
        OPEN311_CLIENT_RATE_LIMIT_BURST: '2',
        OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE: '1',
      }),
      { now: () => new Date('2026-11-26T10:00:00Z') } as Clock,
    );

  it('knows a client by its key, and no client by a key it did not register', () => {
    const known = clients();
    expect(known.identify('key-one')).toBe('fixmystreet');
    expect(known.identify('key-two')).toBe('city-app');
    for (const wrong of ['key-on', 'key-one ', digest('key-one'), ''])
      expect(() => known.identify(wrong)).toThrow(ForbiddenError);
  });

  it('holds each client to its own allowance', () => {
    const known = clients();
    known.take('fixmystreet');
    known.take('fixmystreet');
    expect(() => known.take('fixmystreet')).toThrow(TooManyRequestsError);
    expect(() => known.take('city-app')).not.toThrow();
  });
});
