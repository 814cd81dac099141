import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@app/contracts';
import { eventually, http, startServiceProcess, type ServiceProcess } from '@app/testing';

// `npm start` on a fresh machine: embedded PostgreSQL, the four services in one process, the in-process bus.
// The data folder survives a restart.
describe('the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'embedded-default-'));
  let embedded: ServiceProcess | undefined;
  const ports = { BUDGETS_PORT: '0', MONITORING_PORT: '0', ROAD_CASES_PORT: '0', FINES_PORT: '0' };

  afterAll(async () => {
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<Map<string, string>> {
    embedded = await startServiceProcess(
      'embedded',
      { INTEGRITY_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '54349', ...ports },
      { waitForListening: false, timeoutMs: 120_000 },
    );
    await embedded.waitForOutput(/Stop with Ctrl\+C/, 120_000);
    const urls = new Map<string, string>();
    for (const name of SERVICE_NAMES) {
      const match = embedded.output().match(new RegExp(`^\\s+${name}\\s+(http://127\\.0\\.0\\.1:\\d+)`, 'm'));
      expect(match).not.toBeNull();
      urls.set(name, match![1]);
    }
    return urls;
  }

  it('starts all four services, prints a token per role, and a ping crosses the in-process bus', async () => {
    const urls = await start();
    for (const [name, url] of urls) {
      const ready = await http('GET', `${url}/health/ready`);
      expect({ name, status: ready.status }).toEqual({ name, status: 200 });
      expect(ready.body.checks['in-process-bus'].status).toBe('up');
    }
    const operatorToken = embedded!.output().match(/^\s+operator\s+(\S+)$/m)![1];
    for (const role of ['citizen', 'moderator', 'inspector', 'official', 'contractor', 'auditor']) {
      expect(embedded!.output()).toMatch(new RegExp(`^\\s+${role}\\s+eyJ`, 'm'));
    }
    const sent = await http('POST', `${urls.get('monitoring')}/ops/pings`, { headers: { authorization: `Bearer ${operatorToken}` } });
    expect(sent.status).toBe(202);
    for (const to of ['budgets', 'road-cases', 'fines']) {
      await eventually(
        () => http('GET', `${urls.get(to)}/ops/pings/${sent.body.pingId}`, { headers: { authorization: `Bearer ${operatorToken}` } }),
        (r) => r.status === 200,
        { what: `ping to ${to}` },
      );
    }

    // Restart on the same data folder: the received ping is still there, and the same secret still signs.
    const stopped = await embedded!.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    const again = await start();
    const kept = await http('GET', `${again.get('fines')}/ops/pings/${sent.body.pingId}`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(kept.status).toBe(200);
  });
});
