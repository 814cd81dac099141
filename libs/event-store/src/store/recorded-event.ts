import type { DomainEvent } from '@app/domain-kernel';
import type { HashedColumns } from '../integrity/event-hash';

/** What every stored event carries besides its data (docs/architecture.md, Events). */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  correlationId: string;
  causationId: string | null;
  requestId: string;
  /** The upstream: the service that signed the message that caused it (`service:monitoring`), or the Open311 client that posted it (`open311:fixmystreet`). */
  actorVia?: string;
}

/** An event as stored: position in the log and in its stream, schema version, and its place in the hash chain. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  globalPosition: string;
  transactionId: string;
  eventId: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: EventMetadata;
  occurredAt: Date;
  recordedAt: Date;
  previousHash: string;
  hash: string;
  /** How `hash` was computed (HashScheme: 1 before event id, stream type and recorded time were covered, 2 since). */
  hashScheme: number;
}

// The text form of the transaction id gets its own name: an alias named transaction_id would make
// ORDER BY transaction_id sort as text (9999 after 10000) instead of as xid8.
export const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_text, event_id, stream_type, stream_id,
  stream_version, event_type, schema_version, payload, metadata, occurred_at, recorded_at, previous_hash, hash, hash_scheme`;

export interface EventRow extends HashedColumns {
  global_position: string;
  transaction_text: string;
  payload: Record<string, unknown>;
  metadata: EventMetadata;
  previous_hash: string;
  hash: string;
  hash_scheme: number;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: String(row.global_position),
    transactionId: row.transaction_text,
    eventId: row.event_id,
    streamType: row.stream_type,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    type: row.event_type,
    schemaVersion: Number(row.schema_version),
    data: row.payload,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
    hashScheme: Number(row.hash_scheme),
  };
}
