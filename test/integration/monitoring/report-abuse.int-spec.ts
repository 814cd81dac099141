import { randomUUID } from 'node:crypto';
import { bearer, http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';

// Filing reports as a flood or a forger would: behind a trusted proxy each client has its own allowance, a token is
// no way around the limit, every refusal says when to try again, and nobody without a token can join an audit thread.
describe('report filing under abuse', () => {
  // The test process plays the reverse proxy on loopback, naming the clients in X-Forwarded-For.
  const { service } = spawnedService('monitoring', 'report_abuse', {
    env: {
      TRUST_PROXY: 'loopback',
      REPORT_RATE_LIMIT_BURST: '2',
      REPORT_RATE_LIMIT_PER_MINUTE: '1',
      REPORT_RATE_LIMIT_CITIZEN_BURST: '3',
      REPORT_RATE_LIMIT_CITIZEN_PER_MINUTE: '1',
    },
  });

  const REPORT = {
    kind: 'road_defect',
    description: 'Pothole by the bus stop',
    road: {
      location: { lat: 42.9, lon: 71.3667 },
      district: 'Taraz',
      address: 'Abay 3',
      defectType: 'pothole',
      photos: [],
    },
  };
  const file = (headers: Record<string, string>) =>
    http<{ id: string }>('POST', `${service.url}/reports`, { body: REPORT, headers });
  const from = (client: string, more: Record<string, string> = {}) => ({ 'x-forwarded-for': client, ...more });
  const thread = async (correlationId: string) => {
    const answer = await http<{ events: { streamId: string }[] }>(
      'GET',
      `${service.url}/audit/events?correlationId=${correlationId}`,
      { headers: bearer('auditor') },
    );
    expect(answer.status).toBe(200);
    return answer.body.events.map((e) => e.streamId);
  };

  it('counts anonymous clients by the address the trusted proxy names, and says when to retry', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await file(from('203.0.113.7'))).status);
    expect(statuses).toEqual([201, 201, 429]);
    const refused = await file(from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('203.0.113.7') });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client behind the same proxy has an allowance of its own.
    expect((await file(from('198.51.100.23'))).status).toBe(201);
    // The proxy appends the address it saw: what the client wrote before it is not believed.
    expect((await file(from('203.0.113.99, 203.0.113.7'))).status).toBe(429);
  });

  it('holds a signed-in citizen to a limit of their own account, whatever their address', async () => {
    const citizen = randomUUID();
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const headers = { ...bearer('citizen', citizen), ...from(`192.0.2.${10 + i}`) };
      statuses.push((await file(headers)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await file({ ...bearer('citizen', citizen), ...from('192.0.2.99') });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another citizen on the very address that was refused files as usual.
    expect((await file({ ...bearer('citizen', randomUUID()), ...from('192.0.2.99') })).status).toBe(201);
  });

  it('lets a signed-in caller name the audit thread, but never an anonymous one', async () => {
    const correlationId = `thread-${randomUUID()}`;
    const own = await file({
      ...bearer('citizen', randomUUID()),
      ...from('192.0.2.50'),
      'x-correlation-id': correlationId,
    });
    expect(own.status).toBe(201);
    expect(own.headers.get('x-correlation-id')).toBe(correlationId);

    const forged = await file(from('192.0.2.51', { 'x-correlation-id': correlationId }));
    expect(forged.status).toBe(201);
    const forgedThread = forged.headers.get('x-correlation-id');
    expect(forgedThread).not.toBe(correlationId);
    expect(forgedThread).toMatch(/^[0-9a-f-]{36}$/);
    // Nor through X-Request-Id, which names the thread when no X-Correlation-Id is given.
    const viaRequestId = await file(from('192.0.2.52', { 'x-request-id': correlationId }));
    expect(viaRequestId.status).toBe(201);
    expect(viaRequestId.headers.get('x-correlation-id')).not.toBe(correlationId);

    expect(await thread(correlationId)).toEqual([own.body.id]);
    expect(await thread(forgedThread!)).toEqual([forged.body.id]);
  });
});
