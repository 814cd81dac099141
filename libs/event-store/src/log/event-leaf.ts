import { leafHash } from '@app/transparency';

/**
 * What the service's Merkle log commits to for one event: the leaf data of RFC 9162 §2.1.1. It names the event
 * (id, stream type, stream and version), pins its hash (which covers its content and its place in the stream's
 * chain) and the recorded time `?asOf=` reads, whatever hash scheme the row uses. So once a signed checkpoint
 * covers a leaf, editing any of these, or deleting, inserting or reordering events, no longer matches it, and the
 * leaf alone tells which stream and version was touched.
 *
 * The bytes are the UTF-8 of a JSON object with exactly these keys in this order (JSON.stringify of the object
 * below), recordedAt an ISO-8601 UTC time with milliseconds, hash 64 lowercase hex digits: anyone can recompute
 * them from an event's row or receipt.
 */
export interface EventLeaf {
  eventId: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  /** ISO-8601, UTC, milliseconds: `2026-12-01T12:00:00.000Z`. */
  recordedAt: string;
  /** The event's chain hash, hex. */
  hash: string;
}

export const EVENT_LEAF_FORMAT = 'integrity-square/event-leaf/v1';

/** The leaf data bytes of one event. */
export function eventLeafData(leaf: EventLeaf): Buffer {
  const ordered: EventLeaf = {
    eventId: leaf.eventId,
    streamType: leaf.streamType,
    streamId: leaf.streamId,
    streamVersion: leaf.streamVersion,
    recordedAt: leaf.recordedAt,
    hash: leaf.hash,
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/** MTH({leaf data}) = SHA-256(0x00 || leaf data). */
export function eventLeafHash(leaf: EventLeaf): Buffer {
  return leafHash(eventLeafData(leaf));
}

/** The leaf of a stored event (a row of the events table or a RecordedEvent). */
export function eventLeafOf(event: {
  eventId: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  recordedAt: Date;
  hash: string;
}): EventLeaf {
  return {
    eventId: event.eventId,
    streamType: event.streamType,
    streamId: event.streamId,
    streamVersion: Number(event.streamVersion),
    recordedAt: event.recordedAt.toISOString(),
    hash: event.hash,
  };
}
