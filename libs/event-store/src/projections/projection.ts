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
  handles(event: RecordedEvent): boolean;
  /** DDL for the table under the given qualified name. */
  createTable(qualifiedTable: string): string;
  /** Applies events (already filtered by handles) to the table of the given qualified name. */
  apply(manager: EntityManager, events: RecordedEvent[], qualifiedTable: string): Promise<void>;
}

export type InlineProjection = Projection & { mode: 'inline' };
export type AsyncProjection = Projection & { mode: 'async' };

export function qualified(schema: string, table: string): string {
  return `"${schema}"."${table}"`;
}
