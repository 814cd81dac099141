import jwt from 'jsonwebtoken';
import { bearer, http, testEnv } from '@app/testing';
import { spawnedService } from '../support/spawned-services';

// One service process against real Postgres and Kafka: health, auth (deny by default), error mapping, shutdown.
describe('a service process over HTTP', () => {
  const { service } = spawnedService('road-cases', 'service_http');

  it('answers liveness and readiness, naming Postgres and Kafka separately', async () => {
    expect((await http('GET', `${service.url}/health/live`)).status).toBe(200);
    const ready = await http('GET', `${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.postgres.status).toBe('up');
    expect(ready.body.checks.kafka.status).toBe('up');
  });

  it('writes structured JSON log lines naming the service', () => {
    const lines = service
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ service: 'road-cases', level: expect.any(String), msg: expect.any(String) });
  });

  it('refuses a guarded route without a token (401) and with a bad one (401)', async () => {
    const none = await http('POST', `${service.url}/ops/pings`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const forged = jwt.sign({ roles: ['operator'] }, 'another-secret-that-is-long-enough-0000', { subject: 'mallory' });
    expect(
      (await http('POST', `${service.url}/ops/pings`, { headers: { authorization: `Bearer ${forged}` } })).status,
    ).toBe(401);
    const expired = jwt.sign({ roles: ['operator'], exp: Math.floor(Date.now() / 1000) - 60 }, testEnv('jwtSecret'), {
      subject: 'op',
    });
    const late = await http('POST', `${service.url}/ops/pings`, { headers: { authorization: `Bearer ${expired}` } });
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/expired/);
    expect((await http('POST', `${service.url}/ops/pings`, { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('refuses a role that may not act (403) and names the roles that may', async () => {
    const response = await http('POST', `${service.url}/ops/pings`, { headers: bearer('citizen') });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'forbidden', requiredRoles: ['operator'] });
  });

  it('lets the role act, maps a bad id to 400 and an unknown one to 404', async () => {
    const sent = await http('POST', `${service.url}/ops/pings`, { headers: bearer('operator') });
    expect(sent.status).toBe(202);
    expect(sent.body.from).toBe('road-cases');
    expect((await http('GET', `${service.url}/ops/pings/not-a-uuid`, { headers: bearer('operator') })).status).toBe(
      400,
    );
    const unknown = await http('GET', `${service.url}/ops/pings/00000000-0000-4000-8000-000000000000`, {
      headers: bearer('operator'),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
  });

  it("echoes a signed-in caller's well-formed correlation id, and makes one otherwise", async () => {
    const given = await http('GET', `${service.url}/health/live`, {
      headers: { ...bearer('auditor'), 'x-correlation-id': 'corr-123' },
    });
    expect(given.headers.get('x-correlation-id')).toBe('corr-123');
    const made = await http('GET', `${service.url}/health/live`, {
      headers: { ...bearer('auditor'), 'x-correlation-id': 'bad id with spaces' },
    });
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Without a token the caller cannot name the thread its request joins.
    const anonymous = await http('GET', `${service.url}/health/live`, { headers: { 'x-correlation-id': 'corr-123' } });
    expect(anonymous.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shuts down on SIGTERM within 10 s with exit code 0', async () => {
    const result = await service.stop('SIGTERM');
    process.stdout.write(`shutdown took ${result.elapsedMs} ms\n`);
    expect(result.code).toBe(0);
    expect(result.elapsedMs).toBeLessThan(10_000);
    expect(service.output()).toMatch(/SIGTERM received/);
  });
});
