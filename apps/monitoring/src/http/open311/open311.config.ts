import { ConfigError, type RateAllowance } from '@app/platform';

/** A client the operators registered: its name (recorded with each report it posts) and its key's SHA-256 only. */
export interface Open311Client {
  name: string;
  keySha256: Buffer;
}

export interface Open311Config {
  /** The one jurisdiction this endpoint serves, lower case: a request naming another is answered 404. */
  jurisdictionId: string;
  clients: Open311Client[];
  /** Per registered client: it files for many citizens from one address, so the per-address allowance is not its. */
  clientAllowance: RateAllowance;
}

export const OPEN311_CONFIG = Symbol('OPEN311_CONFIG');

const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
// A host name (the spec suggests the jurisdiction's site without www, sfgov.org) or any id without spaces.
const JURISDICTION = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;

/**
 * OPEN311_JURISDICTION_ID (default integrity-square.local): the jurisdiction_id this endpoint answers to.
 * OPEN311_API_KEYS (default none): the registered clients, `name=<SHA-256 hex of the key>,…` — the keys themselves
 * are never configuration, so neither the environment nor a dump of it gives one away.
 * OPEN311_CLIENT_RATE_LIMIT_BURST (default 60) and OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE (default 30): each
 * registered client's allowance. A bad value stops the service naming the variable.
 */
export function loadOpen311Config(env: NodeJS.ProcessEnv): Open311Config {
  const problems: { variable: string; message: string }[] = [];
  const jurisdictionId = (env.OPEN311_JURISDICTION_ID ?? 'integrity-square.local').trim();
  if (!JURISDICTION.test(jurisdictionId))
    problems.push({
      variable: 'OPEN311_JURISDICTION_ID',
      message: "OPEN311_JURISDICTION_ID must be an id without spaces, such as the club site's host name",
    });

  const clients: Open311Client[] = [];
  const listed = (env.OPEN311_API_KEYS ?? '').trim();
  for (const entry of listed === '' ? [] : listed.split(',')) {
    const [name, digest, ...rest] = entry.trim().split('=');
    if (rest.length > 0 || !CLIENT_NAME.test(name ?? '') || !SHA256_HEX.test((digest ?? '').toLowerCase())) {
      problems.push({
        variable: 'OPEN311_API_KEYS',
        message:
          'OPEN311_API_KEYS must be name=<SHA-256 of the key, 64 hex digits>[,name=<digest>...], names of lower-case letters, digits and -',
      });
      break;
    }
    if (clients.some((c) => c.name === name)) {
      problems.push({ variable: 'OPEN311_API_KEYS', message: `OPEN311_API_KEYS names the client ${name} twice` });
      break;
    }
    clients.push({ name, keySha256: Buffer.from(digest.toLowerCase(), 'hex') });
  }

  const whole = (variable: string, fallback: string) => {
    const raw = env[variable] ?? fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= 1) return Number(raw);
    problems.push({ variable, message: `${variable} must be a whole number from 1` });
    return 1;
  };
  const clientAllowance = {
    burst: whole('OPEN311_CLIENT_RATE_LIMIT_BURST', '60'),
    perMinute: whole('OPEN311_CLIENT_RATE_LIMIT_PER_MINUTE', '30'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return { jurisdictionId: jurisdictionId.toLowerCase(), clients, clientAllowance };
}
