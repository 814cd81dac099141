import type { LoggerService } from '@nestjs/common';
import type { EventStore } from '../store/event-store';
import { CheckpointedReader } from './checkpointed-reader';
import { qualified, type AsyncProjection } from './projection';

export function projectionCheckpointName(projection: { name: string }): string {
  return `projection:${projection.name}`;
}

/** Keeps an asynchronous projection up to date: checkpointed, resumable, one active writer across instances. */
export function createProjectionRunner(
  store: EventStore,
  projection: AsyncProjection,
  options: { batchSize?: number; idleMs?: number; logger?: LoggerService } = {},
): CheckpointedReader {
  const table = qualified(store.schema, projection.table);
  return new CheckpointedReader({
    store,
    name: projectionCheckpointName(projection),
    ...options,
    handle: async (manager, events) => {
      const relevant = events.filter((e) => projection.handles(e));
      if (relevant.length > 0) await projection.apply(manager, relevant, table);
    },
  });
}
