import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  startLocalKafka,
  startServiceProcess,
  stopLocalKafka,
  testEnv,
  uniqueNamespace,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';

// A private broker this test may stop and start, so the shared one stays up for the other files.
const PORT = 19092;

describe('a service whose Kafka broker comes and goes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-outage-'));
  const broker = { port: PORT, dataDir };
  let db: TestDatabase;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('kafka_outage');
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await stopLocalKafka({ ...broker, wipe: true }).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  const ready = (service: ServiceProcess) => http('GET', `${service.url}/health/ready`);

  it('serves HTTP and reports not-ready without a broker, then recovers by itself, twice', async () => {
    const env = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: `127.0.0.1:${PORT}`,
      KAFKA_NAMESPACE: uniqueNamespace('outage'),
      JWT_SECRET: testEnv('jwtSecret'),
      PORT: '0',
    };
    // Started while nothing listens on the broker port.
    services.push(await startServiceProcess('road-cases', env), await startServiceProcess('fines', env));
    const [roadCases, fines] = services;
    expect((await http('GET', `${roadCases.url}/health/live`)).status).toBe(200);
    const down = await ready(roadCases);
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'down' } });

    await startLocalKafka(broker);
    await eventually(
      () => ready(roadCases),
      (r) => r.status === 200,
      { timeoutMs: 30_000, what: 'ready after broker start' },
    );

    // The consumers recovered too: a ping from fines reaches road-cases through the broker.
    await expectPingDelivered(fines, roadCases);

    await stopLocalKafka(broker);
    const stoppedAt = Date.now();
    await eventually(
      () => ready(roadCases),
      (r) => r.status === 503,
      { timeoutMs: 10_000, what: '503 after broker stop' },
    );
    const notReadyAfterMs = Date.now() - stoppedAt;
    process.stdout.write(`readiness turned 503 ${notReadyAfterMs} ms after the broker stopped\n`);
    expect(notReadyAfterMs).toBeLessThan(10_000);
    expect((await http('GET', `${roadCases.url}/health/live`)).status).toBe(200);

    await startLocalKafka(broker);
    await eventually(
      () => ready(roadCases),
      (r) => r.status === 200,
      { timeoutMs: 30_000, what: 'ready after broker restart' },
    );
    await expectPingDelivered(fines, roadCases);
  });

  async function expectPingDelivered(from: ServiceProcess, to: ServiceProcess): Promise<void> {
    // The producer may need a moment to reconnect; a failed send is retried like an operator would.
    const sent = await eventually(
      () => http('POST', `${from.url}/ops/pings`, { headers: bearer('operator') }),
      (r) => r.status === 202,
      { timeoutMs: 30_000, what: 'ping accepted' },
    );
    await eventually(
      () => http('GET', `${to.url}/ops/pings/${sent.body.pingId}`, { headers: bearer('operator') }),
      (r) => r.status === 200,
      { timeoutMs: 60_000, what: 'ping received' },
    );
  }
});
