// Prints a development bearer token: npm run token -- --role inspector --sub alice [--bin 123456789012] [--ttl 12h]
// Signs with JWT_SECRET, or with the secret `npm start` keeps in .data/jwt-secret.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueDevToken } from '../libs/platform/src/auth/token-issuer';
import { isRole, ROLES } from '../libs/platform/src/auth/roles';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    sub: { type: 'string' },
    bin: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
if (!values.role || !isRole(values.role)) fail(`--role is required: one of ${ROLES.join(', ')}`);
const secretFile = join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'jwt-secret');
const secret = process.env.JWT_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
if (!secret) fail(`No JWT_SECRET in the environment and no ${secretFile} yet (npm start makes one).`);
try {
  process.stdout.write(
    issueDevToken(secret, { sub: values.sub ?? `dev-${values.role}`, role: values.role, bin: values.bin }, values.ttl) + '\n',
  );
} catch (error) {
  fail((error as Error).message);
}
