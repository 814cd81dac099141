import type { LoggerService } from '@nestjs/common';
import type { PublishedEvent } from '@app/contracts';
import { CheckpointedReader, type EventStore, type RecordedEvent } from '@app/event-store';
import type { MessageBus } from '@app/platform';
import { envelopeMessage, toIntegrationEnvelope } from './integration-envelope.factory';

export const OUTBOX_RELAY_NAME = 'outbox-relay';

export interface OutboxRelayOptions {
  store: EventStore;
  bus: MessageBus;
  topic: string;
  published: PublishedEvent<any, any>[];
  onPublished?: (count: number) => void;
  logger?: LoggerService;
  batchSize?: number;
  idleMs?: number;
}

/** Publishes one batch of committed events; events of types the service does not publish stay internal. */
export function publishBatch(options: Pick<OutboxRelayOptions, 'bus' | 'topic' | 'published'>) {
  const byType = new Map(options.published.map((p) => [p.eventType, p]));
  return async (events: RecordedEvent[]): Promise<number> => {
    const messages = events.flatMap((event) => {
      const published = byType.get(event.type);
      return published ? [envelopeMessage(options.topic, toIntegrationEnvelope(event, published))] : [];
    });
    if (messages.length > 0) await options.bus.publish(messages);
    return messages.length;
  };
}

/**
 * The transactional outbox, read straight from the events table in commit-safe order: a batch is published
 * (acks from all in-sync replicas) before its checkpoint commits, so a crash in between publishes it again —
 * at least once, never skipped, in stream order. One relay per service leads; the others stand by.
 */
export function createOutboxRelay(options: OutboxRelayOptions): CheckpointedReader {
  const publish = publishBatch(options);
  return new CheckpointedReader({
    store: options.store,
    name: OUTBOX_RELAY_NAME,
    batchSize: options.batchSize ?? 500,
    idleMs: options.idleMs ?? 250,
    logger: options.logger,
    // Publishing writes nothing here; the checkpoint moves only after the broker acknowledged.
    handlerOutsideDatabase: true,
    handle: async (_manager, events) => {
      const count = await publish(events);
      options.onPublished?.(count);
    },
  });
}
