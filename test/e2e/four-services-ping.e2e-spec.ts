import { SERVICE_NAMES } from '@app/contracts';
import { bearer, eventually, http } from '@app/testing';
import { fourServices } from '../support/four-services';

// The four services as four processes on real Postgres and Kafka: each ready, and a ping produced by any one
// is consumed through Kafka by each of the other three.
describe('the four services over Kafka', () => {
  // Not waited for: the first test is the one that sees each ready.
  const { services } = fourServices('four_services', { ready: false });

  it('has every service ready, each in its own schema', async () => {
    for (const service of Object.values(services)) {
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
    const sent = await http('POST', `${services[from].url}/ops/pings`, { headers: bearer('operator') });
    expect(sent.status).toBe(202);
    for (const to of SERVICE_NAMES.filter((name) => name !== from)) {
      const received = await eventually(
        () => http('GET', `${services[to].url}/ops/pings/${sent.body.pingId}`, { headers: bearer('operator') }),
        (r) => r.status === 200,
        { timeoutMs: 60_000, what: `ping ${from} -> ${to}` },
      );
      expect(received.body).toMatchObject({ pingId: sent.body.pingId, from, receivedBy: to });
    }
    // The sender does not record its own ping.
    const self = await http('GET', `${services[from].url}/ops/pings/${sent.body.pingId}`, {
      headers: bearer('operator'),
    });
    expect(self.status).toBe(404);
  });
});
