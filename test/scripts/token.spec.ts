import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { UnauthenticatedError } from '@app/domain-kernel';
import { DEV_TOKEN_ISSUER, JwtVerifier } from '@app/platform';

// `npm run token` as a newcomer runs it: a token every service accepts, one for a single service, and never in production.

const SECRET = randomBytes(32).toString('base64url');
const SERVICES = ['budgets', 'monitoring', 'road-cases', 'fines'];

async function token(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/token.ts', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        JWT_SECRET: SECRET,
        INTEGRITY_DATA_DIR: '/nonexistent',
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const verifierFor = (audience: string) =>
  new JwtVerifier({ secret: SECRET, issuer: DEV_TOKEN_ISSUER, audience, maxLifetimeSeconds: 12 * 3600 });
const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof UnauthenticatedError ? error.details.reason : error),
  );

describe('npm run token', () => {
  it('makes a token all four services accept, with exp, iss and aud', async () => {
    const made = await token(['--role', 'inspector', '--sub', 'alice']);
    expect(made.code).toBe(0);
    for (const service of SERVICES) {
      await expect(verifierFor(service).verify(made.stdout.trim())).resolves.toMatchObject({
        sub: 'alice',
        roles: ['inspector'],
      });
    }
  }, 30_000);

  it('makes a token for one service with --service, which the others refuse', async () => {
    const made = await token(['--role', 'auditor', '--service', 'fines', '--ttl', '15m']);
    expect(made.code).toBe(0);
    expect(await reasonOf(verifierFor('fines').verify(made.stdout.trim()))).toBe('accepted');
    expect(await reasonOf(verifierFor('budgets').verify(made.stdout.trim()))).toBe('wrong_audience');
  }, 30_000);

  it('refuses a --ttl longer than the services accept, and an unknown --service', async () => {
    expect(await token(['--role', 'auditor', '--ttl', '13h'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('JWT_MAX_LIFETIME 12h'),
    });
    expect(await token(['--role', 'auditor', '--service', 'payroll'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown service "payroll"'),
    });
  }, 30_000);

  it('refuses to run with NODE_ENV=production: exit 1, one line why, no token', async () => {
    const refused = await token(['--role', 'operator'], { NODE_ENV: 'production' });
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/refuses with NODE_ENV=production: production tokens come from the identity provider/),
    ]);
  }, 30_000);
});
