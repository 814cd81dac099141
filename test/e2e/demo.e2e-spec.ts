import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICE_NAMES } from '@app/contracts';
import { testCheckpointKeys, testEnv } from '@app/testing';
import { fourServices } from '../support/four-services';

const run = promisify(execFile);

// The demo (npm run demo) against the four services as four processes on one database and one Kafka namespace:
// what it prints as read back from the services equals what it created, and one report's audit thread spans
// monitoring and road-cases with every stream verifying and every event proved in a signed checkpoint (npm run audit:thread).
describe('the demo year and its audit thread', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'demo-keys-'));
  const checkpointKeys = testCheckpointKeys(keysDir, SERVICE_NAMES);
  const { services, db } = fourServices('demo', { env: { CHECKPOINT_INTERVAL_MS: '500' } }, (name) => ({
    CHECKPOINT_SIGNING_KEY: checkpointKeys[name],
  }));
  let demo: { created: Record<string, number>; summary: Record<string, any>; reportIds: string[] };

  const urlArgs = () => SERVICE_NAMES.flatMap((name) => [`--${name}`, services[name].url]);
  const scriptEnv = () => ({ ...process.env, JWT_SECRET: testEnv('jwtSecret') });

  it('prints a year summary, read back from the services, that equals what it created', async () => {
    const { stdout } = await run('npx', ['tsx', 'scripts/demo.ts', '--scale', '0.05', '--json', ...urlArgs()], {
      env: scriptEnv(),
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    demo = JSON.parse(stdout);
    const { created, summary } = demo;
    expect(created.institutions).toBeGreaterThanOrEqual(11);
    expect(summary.institutions).toBe(created.institutions);
    expect(summary.disclosed).toBe(created.disclosed);
    expect(summary.disclosed).toBe(summary.institutions);
    expect(summary.allocatedTiyn).toBe(created.allocatedTiyn);
    expect(created.allocatedTiyn).toBe(Math.round(110_000_000_000_000 * 0.05));
    expect(summary.raidsHeld).toBe(created.raids);
    expect(summary.offencesRecorded).toBe(created.offences);
    expect(summary.defectsFound).toBe(created.raidDefects);
    expect(created.casesAccepted).toBe(created.casesOpened);
    expect(created.casesAccepted).toBe(created.roadDefects);
    expect(summary.casesAccepted).toBe(created.casesAccepted);
    expect(summary.cases).toBe(created.casesOpened);
    expect(summary.fines).toBe(created.offences);
    expect(summary.finesTotalTiyn).toBe(created.finesTotalTiyn);
    expect(created.finesTotalTiyn).toBeGreaterThan(0);
    expect(demo.reportIds.length).toBeGreaterThan(0);
  }, 180_000);

  it('follows one report across monitoring and road-cases, every stream verifying', async () => {
    expect(demo).toBeDefined();
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/audit-thread.ts', demo.reportIds[0], '--json', '--keys', keysDir, ...urlArgs()],
      {
        env: scriptEnv(),
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const thread = JSON.parse(stdout);
    expect(thread.reportId).toBe(demo.reportIds[0]);
    expect(thread.services).toEqual(expect.arrayContaining(['monitoring', 'road-cases']));
    const types = thread.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['ReportSubmitted', 'ReportAccepted', 'CaseOpened', 'RepairAccepted']),
    );
    expect(thread.streams.length).toBeGreaterThanOrEqual(2);
    for (const stream of thread.streams)
      expect({ stream: stream.streamId, verified: stream.verified }).toEqual({
        stream: stream.streamId,
        verified: true,
      });
    // Every event of the thread proved by inclusion in a signed checkpoint of its service.
    expect(thread.inclusion.length).toBe(thread.events.length);
    for (const proof of thread.inclusion)
      expect({ event: proof.eventId, proved: proof.proved, detail: proof.detail }).toMatchObject({
        event: proof.eventId,
        proved: true,
      });
    expect(thread.allVerified).toBe(true);
  }, 90_000);

  it('rebuilds every projection of every service from its events identical to the live tables', async () => {
    expect(demo).toBeDefined();
    for (const service of SERVICE_NAMES) {
      const { stdout } = await run(
        'npx',
        ['tsx', 'scripts/projections-rebuild.ts', '--service', service, '--projection', 'all', '--verify'],
        {
          env: { ...process.env, DATABASE_URL: db.url },
          timeout: 120_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      // Exit 0 (execFile rejects otherwise) and every projection reported identical.
      expect({ service, differs: /DIFFERENT/.test(stdout) }).toEqual({ service, differs: false });
      expect(stdout).toMatch(/identical/);
    }
  }, 300_000);
});
