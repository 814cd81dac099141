import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** previous_hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  type: string;
  streamId: string;
  streamVersion: number;
  schemaVersion: number;
  payload: unknown;
  metadata: unknown;
  occurredAt: Date;
}

/**
 * SHA-256 over the previous event's hash and the canonical encoding of this event, so altering, inserting,
 * deleting or reordering any event breaks every hash after it. Payload is hashed as stored (before upcasting).
 */
export function eventHash(previousHash: string, fields: HashedFields): string {
  const canonical = canonicalJson({
    type: fields.type,
    streamId: fields.streamId,
    streamVersion: fields.streamVersion,
    schemaVersion: fields.schemaVersion,
    payload: fields.payload,
    metadata: fields.metadata,
    occurredAt: fields.occurredAt.toISOString(),
  });
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
}
