import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { bearer, eventually, http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import { INSPECTOR_POTHOLE_CASE } from '../../support/report-bodies';

/** The value of one series in a Prometheus text exposition (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`)) return false;
    return Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`));
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

// /metrics of a real road-cases process on real Postgres and Kafka: request durations by route template, the
// process' own metrics, and how far each checkpointed projection is behind the event log.
describe('service metrics', () => {
  let lock: pg.Client;
  const PROJECTION_LOCK = 'road_cases:projection:daily-event-counts';
  const { service } = spawnedService('road-cases', 'service_metrics', {
    env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' },
    // The projection's leadership lock, taken before the service starts: its runner stands by, so the projection
    // falls behind while the service appends (what a stuck or slow projection looks like).
    before: async (created) => {
      lock = new pg.Client({ connectionString: created.url });
      await lock.connect();
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [PROJECTION_LOCK]);
    },
    after: () => lock?.end().catch(() => undefined),
  });

  const metrics = async () => (await http('GET', `${service.url}/metrics`)).body as string;

  const openCase = async () => {
    const opened = await http('POST', `${service.url}/cases`, {
      headers: bearer('inspector'),
      body: INSPECTOR_POTHOLE_CASE,
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };

  it('times requests by method, route template and status, never by raw path', async () => {
    const ids = [await openCase(), await openCase()];
    for (const id of ids)
      expect((await http('GET', `${service.url}/cases/${id}`, { headers: bearer('inspector') })).status).toBe(200);
    expect((await http('GET', `${service.url}/cases/${randomUUID()}`, { headers: bearer('inspector') })).status).toBe(
      404,
    );
    expect((await http('POST', `${service.url}/ops/pings`)).status).toBe(401);
    for (const path of ['/no-such-route', `/no-such-route/${randomUUID()}`])
      expect((await http('GET', `${service.url}${path}`)).status).toBe(404);

    const text = await metrics();
    const count = (labels: Record<string, string>) => sample(text, 'http_request_duration_seconds_count', labels);
    expect(count({ method: 'POST', route: '/cases', status: '201' })).toBe(2);
    expect(count({ method: 'GET', route: '/cases/:id', status: '200' })).toBe(2);
    expect(count({ method: 'GET', route: '/cases/:id', status: '404' })).toBe(1);
    // Refused by the guard before the handler: still its route.
    expect(count({ method: 'POST', route: '/ops/pings', status: '401' })).toBe(1);
    // No route: one label value for every such path.
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(
      sample(text, 'http_request_duration_seconds_bucket', {
        method: 'GET',
        route: '/cases/:id',
        status: '200',
        le: '+Inf',
      }),
    ).toBe(2);
    expect(
      sample(text, 'http_request_duration_seconds_sum', {
        method: 'GET',
        route: '/cases/:id',
        status: '200',
        service: 'road-cases',
      }),
    ).toBeGreaterThan(0);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain('no-such-route');
  });

  it('exports the process metrics once, labelled with the service', async () => {
    const text = await metrics();
    expect(sample(text, 'process_cpu_user_seconds_total', { service: 'road-cases' })).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes', { service: 'road-cases' })).toBeGreaterThan(0);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{service="road-cases"\} /m);
    expect(text.split('\n').filter((l) => l === '# TYPE process_cpu_user_seconds_total counter')).toHaveLength(1);
  });

  it('shows how far a projection is behind, in events and seconds, and that it caught up', async () => {
    const behind = await eventually(
      metrics,
      (t) => (sample(t, 'projection_lag_events', { projection: 'daily-event-counts' }) ?? 0) >= 2,
      {
        what: 'projection_lag_events of daily-event-counts',
      },
    );
    expect(sample(behind, 'projection_lag_seconds', { projection: 'daily-event-counts' })).toBeGreaterThan(0);
    // The outbox relay, another checkpointed reader of the same log, is not held: it published them all.
    await eventually(metrics, (t) => sample(t, 'outbox_relay_lag_events', {}) === 0, {
      what: 'outbox_relay_lag_events 0',
    });

    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [PROJECTION_LOCK]);
    const caughtUp = await eventually(
      metrics,
      (t) => sample(t, 'projection_lag_events', { projection: 'daily-event-counts' }) === 0,
      {
        what: 'daily-event-counts caught up',
      },
    );
    expect(sample(caughtUp, 'projection_lag_seconds', { projection: 'daily-event-counts' })).toBe(0);
  });
});
