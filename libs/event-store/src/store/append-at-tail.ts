import type { EntityManager } from 'typeorm';
import type { AppendRequest, EventStore } from './event-store';
import type { RecordedEvent } from './recorded-event';

/**
 * Appends at the stream's tail as the caller's transaction reads it (its version and last hash), for events no
 * decision was based on: a fact learned from another service that this one records in its own log, in the inbox's
 * transaction, so the read model built from it rebuilds from this service's log like every other (fines'
 * RaidRecorded, road-cases' ContractRecorded).
 */
export async function appendAtStreamTail(
  store: EventStore,
  manager: EntityManager,
  request: Omit<AppendRequest, 'expectedVersion' | 'previousHash'>,
): Promise<RecordedEvent[]> {
  const slice = await store.readStream(request.streamId, { manager });
  return store.append(manager, { ...request, expectedVersion: slice.version, previousHash: slice.lastHash });
}
