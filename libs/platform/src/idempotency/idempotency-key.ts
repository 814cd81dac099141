import { createHash } from 'node:crypto';
import { ValidationFailedError } from '@app/domain-kernel';
import { canonicalJson } from '@app/domain-kernel';

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

/**
 * SHA-256 of the method, the path with its query, and the canonical body (keys sorted, as the event hash has them):
 * what "the same request" means, whatever order its fields were sent in.
 */
/**
 * Where a parser of a body that is more than its JSON puts what the request hash covers instead of `body`: a
 * multipart upload's JSON part and the digests of its files (@app/photo-evidence), so a retry with other photos
 * under the same key is a 422, not the first answer replayed.
 */
export const IDEMPOTENCY_CONTENT = Symbol('idempotencyContent');

export function idempotencyRequestHash(method: string, url: string, body: unknown): string {
  const hash = createHash('sha256').update(`${method.toUpperCase()}\n${url}\n`);
  hash.update(Buffer.isBuffer(body) ? body : canonicalJson(body ?? null));
  return hash.digest('hex');
}
