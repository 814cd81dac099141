import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../store/recorded-event';
import type { InlineProjection } from './projection';

export type EventByEventDeclaration<E extends RecordedEvent> = Omit<InlineProjection, 'mode' | 'apply'> & {
  /** What one event does to the table, in the append transaction (or a rebuild's); events come in log order. */
  applyEvent(manager: EntityManager, qualifiedTable: string, event: E): Promise<void>;
};

/**
 * An inline projection that applies the events it takes one at a time, in order: the shape of a read model whose row
 * each event of a stream changes. `handles` says which events it takes; `applyEvent` gets them typed as `E`.
 */
export function inlineProjection<E extends RecordedEvent = RecordedEvent>(
  declaration: EventByEventDeclaration<E>,
): InlineProjection {
  const { applyEvent, ...projection } = declaration;
  return {
    ...projection,
    mode: 'inline',
    async apply(manager, events, qualifiedTable) {
      for (const event of events) await applyEvent(manager, qualifiedTable, event as E);
    },
  };
}
