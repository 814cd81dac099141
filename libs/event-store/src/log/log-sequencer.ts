import type { LoggerService } from '@nestjs/common';
import { CheckpointedReader } from '../projections/checkpointed-reader';
import type { EventStore } from '../store/event-store';
import type { CheckpointIssuer } from './checkpoint-issuer';
import { eventLeafOf } from './event-leaf';
import { PostgresMerkleStore } from './postgres-merkle-store';

export const SEQUENCER_NAME = 'transparency:sequencer';

/**
 * The one writer of the service's Merkle log: a CheckpointedReader (leader by advisory lock, taken over by a standby
 * when the leader dies) that appends each batch of events, in the commit-safe order the outbox relay reads, as
 * leaves, in the same transaction as its checkpoint, so a leaf is written exactly once. Between batches the leader
 * issues signed checkpoints.
 */
export function createLogSequencer(
  store: EventStore,
  issuer: CheckpointIssuer | undefined,
  options: { batchSize?: number; idleMs?: number; logger?: LoggerService } = {},
): CheckpointedReader {
  const merkle = new PostgresMerkleStore(store.dataSource, store.schema);
  return new CheckpointedReader({
    store,
    name: SEQUENCER_NAME,
    batchSize: options.batchSize ?? 1000,
    idleMs: options.idleMs ?? 200,
    logger: options.logger,
    handle: async (manager, events) => {
      await merkle
        .within(manager)
        .append(events.map((event) => ({ leaf: eventLeafOf(event), globalPosition: event.globalPosition })));
    },
    beforeBatch: issuer ? async (manager) => void (await issuer.tick(manager)) : undefined,
  });
}
