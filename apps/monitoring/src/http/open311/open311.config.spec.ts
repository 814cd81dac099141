import { createHash } from 'node:crypto';
import { ConfigError } from '@app/platform';
import { loadOpen311Config } from './open311.config';

describe('Open311 configuration', () => {
  const digest = (key: string) => createHash('sha256').update(key).digest('hex');
  const problemsOf = (env: NodeJS.ProcessEnv) => {
    try {
      loadOpen311Config(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
      throw error;
    }
    return [];
  };

  it('defaults to one jurisdiction, no registered client, and an allowance per client', () => {
    expect(loadOpen311Config({})).toEqual({
      jurisdictionId: 'integrity-square.local',
      clients: [],
      clientAllowance: { burst: 60, perMinute: 30 },
    });
  });

  it('keeps each client by name and its key only as SHA-256, the jurisdiction in lower case', () => {
    const config = loadOpen311Config({
      OPEN311_JURISDICTION_ID: 'Taraz.Example.KZ',
      OPEN311_API_KEYS: ` fixmystreet=${digest('k1').toUpperCase()}, city-app=${digest('k2')} `,
      OPEN311_CLIENT_RATE_LIMIT_BURST: '10',
      OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE: '5',
    });
    expect(config.jurisdictionId).toBe('taraz.example.kz');
    expect(config.clients.map((c) => [c.name, c.keySha256.toString('hex')])).toEqual([
      ['fixmystreet', digest('k1')],
      ['city-app', digest('k2')],
    ]);
    expect(config.clientAllowance).toEqual({ burst: 10, perMinute: 5 });
  });

  it.each([
    [{ OPEN311_API_KEYS: 'fixmystreet=not-a-digest' }, 'OPEN311_API_KEYS'],
    [{ OPEN311_API_KEYS: `fixmystreet` }, 'OPEN311_API_KEYS'],
    [{ OPEN311_API_KEYS: `Fix My Street=${'a'.repeat(64)}` }, 'OPEN311_API_KEYS'],
    [{ OPEN311_API_KEYS: `a=${'a'.repeat(64)},a=${'b'.repeat(64)}` }, 'OPEN311_API_KEYS'],
    [{ OPEN311_JURISDICTION_ID: 'two words' }, 'OPEN311_JURISDICTION_ID'],
    [{ OPEN311_CLIENT_RATE_LIMIT_BURST: '0' }, 'OPEN311_CLIENT_RATE_LIMIT_BURST'],
    [{ OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE: 'fast' }, 'OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE'],
  ])('stops the service naming the variable: %j', (env, variable) => {
    expect(problemsOf(env)).toEqual([variable]);
  });
});
