import { createHash } from 'node:crypto';
import { ValidationFailedError } from '../errors/domain-errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that was stored for an earlier request with the same key, not produced again. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** Keys are remembered this long after the first request carrying them; older ones are forgotten. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600;
/** Keys of callers without a token share one space; the request hash keeps one caller from reading another's answer. */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

// Printable ASCII (space to tilde), as a header value can carry it unchanged through proxies.
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** The header as sent: absent → undefined; otherwise 1–255 printable ASCII characters, or a 400 naming the header. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !KEY_PATTERN.test(header))
    throw new ValidationFailedError(
      IDEMPOTENCY_KEY_HEADER,
      `${IDEMPOTENCY_KEY_HEADER} must be one value of 1 to 255 printable ASCII characters (a UUID, say)`,
    );
  return header;
}

/** JSON with object keys sorted, so the same body sent with its fields in another order hashes the same. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** SHA-256 of the method, the path with its query, and the canonical body: what "the same request" means. */
export function idempotencyRequestHash(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method.toUpperCase()}\n${url}\n`);
  hash.update(Buffer.isBuffer(body) ? body : canonical(body ?? null));
  return hash.digest('hex');
}
