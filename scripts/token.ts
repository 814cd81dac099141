// Prints a development bearer token:
//   npm run token -- --role inspector --sub alice [--bin 123456789012] [--ttl 12h] [--service road-cases]
// Signs HS256 with JWT_SECRET, or with the secret `npm start` keeps in .data/jwt-secret. The token carries exp, iss
// (JWT_ISSUER, default integrity-square-dev) and aud: all four services, or the one --service names. Development only:
// with NODE_ENV=production it refuses, since production tokens come from the identity provider.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_TOKEN_LIFETIME, durationSeconds, isRole, issueDevToken, ROLES } from '@app/platform/cli';
import { exitOnHelp, fail, parseService } from './cli-support';

const USAGE = 'usage: npm run token -- --role <role> [--sub <id>] [--bin <12 digits>] [--ttl 12h] [--service <name>]';

if (process.env.NODE_ENV === 'production') {
  process.stderr.write(
    'npm run token refuses with NODE_ENV=production: production tokens come from the identity provider, not from a shared secret.\n',
  );
  process.exit(1);
}

exitOnHelp(USAGE);

let values: { role?: string; sub?: string; bin?: string; ttl: string; service?: string };
try {
  values = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      bin: { type: 'string' },
      ttl: { type: 'string', default: DEFAULT_MAX_TOKEN_LIFETIME },
      service: { type: 'string' },
    },
  }).values as typeof values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (!values.role || !isRole(values.role)) fail(`--role is required: one of ${ROLES.join(', ')}`);
const ttl = durationSeconds(values.ttl);
const maxLifetime = process.env.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME;
if (!(ttl > 0)) fail(`--ttl must be seconds or a number with s, m, h or d (15m, 12h), not "${values.ttl}"`);
if (ttl > durationSeconds(maxLifetime))
  fail(`--ttl ${values.ttl} is longer than the services accept (JWT_MAX_LIFETIME ${maxLifetime})`);
const secretFile = join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'jwt-secret');
const secret = process.env.JWT_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
if (!secret) fail(`No JWT_SECRET in the environment and no ${secretFile} yet (npm start makes one).`);
try {
  const audience = values.service !== undefined ? parseService(values.service) : process.env.JWT_AUDIENCE;
  const principal = { sub: values.sub ?? `dev-${values.role}`, role: values.role, bin: values.bin };
  process.stdout.write(
    issueDevToken(secret, principal, { expiresIn: ttl, issuer: process.env.JWT_ISSUER, audience }) + '\n',
  );
} catch (error) {
  fail((error as Error).message);
}
