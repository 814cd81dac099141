import { bearer, http } from '@app/testing';
import { spawnedService } from '../support/spawned-services';

// The coarse limit on anonymous reads of public routes, the shared runtime's, shown on one service: a script reading
// in a loop is told when to come back, while signed-in callers, other clients and the platform's probes read on.
describe('public GETs under a flood', () => {
  const BURST = 5;
  // The test process plays the reverse proxy on loopback, naming the clients in X-Forwarded-For.
  const { service } = spawnedService('road-cases', 'public_rate_limit', {
    env: { TRUST_PROXY: 'loopback', PUBLIC_RATE_LIMIT_BURST: String(BURST), PUBLIC_RATE_LIMIT_PER_MINUTE: '1' },
  });

  const get = (path: string, client: string, headers: Record<string, string> = {}) =>
    http<{ error?: string; message?: string }>('GET', `${service.url}${path}`, {
      headers: { 'x-forwarded-for': client, ...headers },
    });

  it('answers a burst of anonymous reads from one client with 429 and Retry-After once its allowance is spent', async () => {
    const statuses = [];
    for (let i = 0; i < BURST + 2; i++) statuses.push((await get('/cases/stats', '203.0.113.7')).status);
    expect(statuses).toEqual([...Array(BURST).fill(200), 429, 429]);
    const refused = await get('/cases/stats', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('203.0.113.7') });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Every public read of the service shares the one allowance, not each route its own.
    expect((await get('/audit/checkpoints', '203.0.113.7')).status).toBe(429);
    // Another client behind the same proxy reads on.
    expect((await get('/cases/stats', '198.51.100.23')).status).toBe(200);
  });

  it('never holds back a signed-in caller, even from the address that spent its allowance', async () => {
    const statuses = [];
    for (let i = 0; i < BURST * 2; i++) {
      statuses.push((await get('/cases/stats', '203.0.113.7', bearer('auditor'))).status);
    }
    expect(statuses).toEqual(Array(BURST * 2).fill(200));
    // A token that does not verify is no way around it: it is refused outright.
    expect((await get('/cases/stats', '203.0.113.7', { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('never limits the health probes or the metrics scrape', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < BURST * 2; i++) {
      for (const path of ['/health/live', '/health/ready', '/metrics']) {
        statuses.add((await get(path, '203.0.113.7')).status);
      }
    }
    expect([...statuses]).toEqual([200]);
    expect((await get('/cases/stats', '203.0.113.7')).status).toBe(429);
  });
});
