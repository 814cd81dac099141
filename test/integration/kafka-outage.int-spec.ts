import { eventually, http, privateKafka, uniqueNamespace, type ServiceProcess } from '@app/testing';
import { pingDelivered, untilReady } from '../support/service-calls';
import { spawnedServices } from '../support/spawned-services';

// A private broker this test may stop and start, so the shared one stays up for the other files.
const PORT = 19092;

describe('a service whose Kafka broker comes and goes', () => {
  const broker = privateKafka(PORT, 'kafka-outage');
  // Started while nothing listens on the broker port; the broker goes after the services stopped.
  const { services } = spawnedServices(
    'kafka_outage',
    { roadCases: 'road-cases', fines: 'fines' },
    { kafkaNamespace: uniqueNamespace('outage'), env: { KAFKA_BROKERS: broker.brokers }, after: () => broker.remove() },
  );

  const ready = (service: ServiceProcess) => http('GET', `${service.url}/health/ready`);

  it('serves HTTP and reports not-ready without a broker, then recovers by itself, twice', async () => {
    const { roadCases, fines } = services;
    expect((await http('GET', `${roadCases.url}/health/live`)).status).toBe(200);
    const down = await ready(roadCases);
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'down' } });

    await broker.start();
    await untilReady(roadCases, { timeoutMs: 30_000 });

    // The consumers recovered too: a ping from fines reaches road-cases through the broker.
    await pingDelivered(fines, roadCases);

    await broker.stop();
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

    await broker.start();
    await untilReady(roadCases, { timeoutMs: 30_000 });
    await pingDelivered(fines, roadCases);
  });
});
