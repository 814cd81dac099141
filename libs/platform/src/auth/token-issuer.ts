import jwt from 'jsonwebtoken';
// The registry's own entry: `npm run token` loads no envelope class of the contracts barrel.
import { SERVICE_NAMES } from '@app/contracts/services';
import { BIN_PATTERN, Principal, Role } from './roles';

/** The `iss` of development tokens, and what a service expects outside production unless JWT_ISSUER says otherwise. */
export const DEV_TOKEN_ISSUER = 'integrity-square-dev';
/** The longest a token may live, unless JWT_MAX_LIFETIME says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME = '12h';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** '900', '15m', '12h', '1d' in seconds (the form of JWT_MAX_LIFETIME and of `npm run token -- --ttl`); NaN otherwise. */
export function durationSeconds(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : Number.NaN;
}

export interface DevTokenOptions {
  /** Lifetime: seconds, or '10m', '12h' (see durationSeconds); default 12h. */
  expiresIn?: number | string;
  issuer?: string;
  /** The services the token is for; default all four, so one development token works everywhere. */
  audience?: string | string[];
}

/** Signs development tokens (HS256, with exp, iss and aud); production tokens come from the identity provider. */
export function issueDevToken(
  secret: string,
  principal: { sub: string; role: Role; bin?: string },
  options: DevTokenOptions = {},
): string {
  if (principal.role === 'contractor' && (!principal.bin || !BIN_PATTERN.test(principal.bin))) {
    throw new Error('A contractor token needs --bin with a 12-digit BIN');
  }
  const given = options.expiresIn ?? DEFAULT_MAX_TOKEN_LIFETIME;
  const lifetime =
    typeof given === 'number'
      ? given
      : given.startsWith('-')
        ? -durationSeconds(given.slice(1))
        : durationSeconds(given);
  if (!Number.isFinite(lifetime))
    throw new Error(`A token lifetime is seconds or a number with s, m, h or d (15m, 12h), not "${given}"`);
  const claims: Omit<Principal, 'sub'> = { roles: [principal.role], ...(principal.bin ? { bin: principal.bin } : {}) };
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    subject: principal.sub,
    issuer: options.issuer ?? DEV_TOKEN_ISSUER,
    audience: options.audience ?? [...SERVICE_NAMES],
    expiresIn: lifetime,
  });
}
