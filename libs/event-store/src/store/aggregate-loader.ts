import { fold, type Decider, type DomainEvent } from '@app/domain-kernel';
import type { EventStore } from './event-store';

export type AsOf = { version: number } | { time: Date };

export interface LoadedAggregate<S> {
  streamId: string;
  version: number;
  state: S;
  /** When the last event folded in was recorded; null for an empty stream. */
  asOfRecordedAt: Date | null;
}

/** Folds a stream to its state now, or as it stood at a stream version or a moment (time travel). */
export async function loadAggregate<S, E extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamId: string,
  asOf?: AsOf,
): Promise<LoadedAggregate<S>> {
  const slice = await store.readStream(streamId, {
    toVersion: asOf && 'version' in asOf ? asOf.version : undefined,
    asOf: asOf && 'time' in asOf ? asOf.time : undefined,
  });
  const last = slice.events[slice.events.length - 1];
  return {
    streamId,
    version: slice.version,
    state: fold(decider, slice.events as unknown as E[]),
    asOfRecordedAt: last ? last.recordedAt : null,
  };
}
