import { SERVICE_NAMES } from '@app/contracts';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';

// The four services as four processes on real Postgres and Kafka: each ready, and a ping produced by any one
// is consumed through Kafka by each of the other three.
describe('the four services over Kafka', () => {
  let db: TestDatabase;
  const services = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    db = await createTestDatabase('four_services');
    const env = serviceEnv(db.url, 'e2e-ping');
    const started = await Promise.all(SERVICE_NAMES.map((name) => startServiceProcess(name, env)));
    started.forEach((service) => services.set(service.app, service));
  });

  afterAll(async () => {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await db?.drop();
  });

  it('has every service ready, each in its own schema', async () => {
    for (const service of services.values()) {
      const ready = await eventually(
        () => http('GET', `${service.url}/health/ready`),
        (r) => r.status === 200,
        {
          what: `${service.app} ready`,
        },
      );
      expect(ready.body.checks).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'up' } });
    }
  });

  it.each(SERVICE_NAMES)('delivers a ping from %s to each of the other three', async (from) => {
    const sent = await http('POST', `${services.get(from)!.url}/ops/pings`, { headers: bearer('operator') });
    expect(sent.status).toBe(202);
    for (const to of SERVICE_NAMES.filter((name) => name !== from)) {
      const received = await eventually(
        () => http('GET', `${services.get(to)!.url}/ops/pings/${sent.body.pingId}`, { headers: bearer('operator') }),
        (r) => r.status === 200,
        { timeoutMs: 60_000, what: `ping ${from} -> ${to}` },
      );
      expect(received.body).toMatchObject({ pingId: sent.body.pingId, from, receivedBy: to });
    }
    // The sender does not record its own ping.
    const self = await http('GET', `${services.get(from)!.url}/ops/pings/${sent.body.pingId}`, {
      headers: bearer('operator'),
    });
    expect(self.status).toBe(404);
  });
});
