import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../store/recorded-event';

/**
 * A read model fed by events. The same definition creates the live table (in a migration) and a fresh one for
 * a rebuild, so a rebuilt table can be compared with the live one row by row.
 */
export interface Projection {
  name: string;
  /** Live table, unqualified; it lives in the service schema. */
  table: string;
  /** Inline: updated in the append transaction. Async: by a checkpointed runner. */
  mode: 'inline' | 'async';
  /** Which events it takes. An inline projection with a `statement` is asked before the append, on the events as they will be stored: it must look only at their stream, type and data. */
  handles(event: RecordedEvent): boolean;
  /** DDL for the table under the given qualified name. */
  createTable(qualifiedTable: string): string;
  /** Applies events (already filtered by handles) to the table of the given qualified name. */
  apply(manager: EntityManager, events: RecordedEvent[], qualifiedTable: string): Promise<void>;
  /**
   * The same update said as one SQL statement over the appended rows: `from` names a relation with the events
   * table's columns (stream_id, stream_type, stream_version, event_type, payload, metadata, occurred_at,
   * recorded_at). An append runs it inside its own INSERT statement — no round trip of its own — and a store whose
   * inline projections all have one appends a command's events in a single statement (EventStore.appendKnownTail).
   * Build such a projection with statementProjection, which derives `apply` from it, so the rule is written once.
   */
  statement?(from: string, qualifiedTable: string): string;
}

export type InlineProjection = Projection & { mode: 'inline' };
export type AsyncProjection = Projection & { mode: 'async' };

export function qualified(schema: string, table: string): string {
  return `"${schema}"."${table}"`;
}
