import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/domain-kernel';

/** previous_hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an event's hash is computed; stored per row in events.hash_scheme, so every row is recomputed the way it was written.
 *
 * - 1 (rows written before hash_scheme existed):
 *     SHA-256(previousHash '\n' canonicalJson({type, streamId, streamVersion, schemaVersion, payload, metadata, occurredAt}))
 *   Not covered: the event id, the stream type and recorded_at.
 * - 2 (every row appended since):
 *     SHA-256(previousHash '\n' canonicalJson({scheme: 2, eventId, streamType, type, streamId, streamVersion, schemaVersion,
 *                                              payload, metadata, occurredAt, recordedAt}))
 *   occurredAt and recordedAt as ISO-8601 strings with milliseconds (Date.toISOString()); recordedAt is set by the
 *   application at append (whole milliseconds, so Postgres' microsecond timestamptz stores it exactly) and hashed as stored.
 *   `scheme: 2` inside the hashed object binds the scheme to the hash: a v2 hash cannot pass for a v1 one.
 *
 * In both, canonicalJson sorts keys at every depth and emits no whitespace; previousHash is 64 lowercase hex characters.
 */
export type HashScheme = 1 | 2;

/** The scheme new events are written with. */
export const CURRENT_HASH_SCHEME = 2 satisfies HashScheme;

export const HASH_SCHEMES: readonly HashScheme[] = [1, 2];

export function isHashScheme(value: unknown): value is HashScheme {
  return HASH_SCHEMES.includes(value as HashScheme);
}

/** The fields scheme 1 hashes. */
export interface HashedFields {
  type: string;
  streamId: string;
  streamVersion: number;
  schemaVersion: number;
  payload: unknown;
  metadata: unknown;
  occurredAt: Date;
}

/** The fields scheme 2 hashes: scheme 1's, plus the event id, the stream type and the recorded time. */
export interface HashedFieldsV2 extends HashedFields {
  eventId: string;
  streamType: string;
  recordedAt: Date;
}

/**
 * SHA-256 over the previous event's hash and the canonical encoding of this event, so altering, inserting,
 * deleting or reordering any event breaks every hash after it. Payload is hashed as stored (before upcasting).
 * The scheme says which fields are covered (see HashScheme); scheme 1 is frozen byte for byte.
 */
export function eventHash(scheme: 1, previousHash: string, fields: HashedFields): string;
export function eventHash(scheme: 2, previousHash: string, fields: HashedFieldsV2): string;
export function eventHash(scheme: HashScheme, previousHash: string, fields: HashedFieldsV2): string;
export function eventHash(scheme: HashScheme, previousHash: string, fields: HashedFields | HashedFieldsV2): string {
  switch (scheme) {
    case 1:
      return sha256Chain(previousHash, canonicalV1(fields));
    case 2:
      return sha256Chain(previousHash, canonicalV2(fields as HashedFieldsV2));
    default:
      throw new Error(`eventHash: unknown hash scheme ${String(scheme)}`);
  }
}

function sha256Chain(previousHash: string, canonical: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
}

function canonicalV1(fields: HashedFields): string {
  return canonicalJson(v1Fields(fields));
}

/** What scheme 1 covers; scheme 2 adds to it (canonicalJson sorts keys, so the order here does not matter). */
function v1Fields(fields: HashedFields): Record<string, unknown> {
  return {
    type: fields.type,
    streamId: fields.streamId,
    streamVersion: fields.streamVersion,
    schemaVersion: fields.schemaVersion,
    payload: fields.payload,
    metadata: fields.metadata,
    occurredAt: fields.occurredAt.toISOString(),
  };
}

function canonicalV2(fields: HashedFieldsV2): string {
  for (const key of ['eventId', 'streamType'] as const) {
    if (typeof fields[key] !== 'string') throw new Error(`eventHash: scheme 2 needs ${key}`);
  }
  if (!(fields.recordedAt instanceof Date)) throw new Error('eventHash: scheme 2 needs recordedAt');
  return canonicalJson({
    ...v1Fields(fields),
    scheme: 2,
    eventId: fields.eventId,
    streamType: fields.streamType,
    recordedAt: fields.recordedAt.toISOString(),
  });
}

/** The columns of an events row its hash covers, as Postgres returns them. */
export interface HashedColumns {
  event_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  payload: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
}

/** A stored row's hash recomputed by `scheme` after `previousHash`: what verifying (or re-chaining) a row computes. */
export function storedEventHash(scheme: HashScheme, previousHash: string, row: HashedColumns): string {
  return eventHash(scheme, previousHash, {
    eventId: row.event_id,
    streamType: row.stream_type,
    recordedAt: row.recorded_at,
    type: row.event_type,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    schemaVersion: Number(row.schema_version),
    payload: row.payload,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  });
}
