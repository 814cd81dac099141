import type { RecordedEvent } from '../store/recorded-event';
import { inlineProjection } from './inline-projection';
import type { InlineProjection } from './projection';
import { projectionTableDdl, type TableIndex } from './projection-table-ddl';
import { writeStreamRowChanges, type RelativeColumnChange } from './stream-row-changes';

/** What the board needs of its ReadModelColumns: the DDL, the writes' casts and the key column. */
interface BoardColumns {
  definitions(): string;
  cast(name: string): string;
  primaryKey(): string;
}

export interface StreamRowProjectionDeclaration<E extends { type: string; data: unknown }> {
  name: string;
  table: string;
  /** The type of the streams the board keeps a row each of, under the stream id (its PRIMARY KEY column). */
  streamType: string;
  columns: BoardColumns;
  indexes: readonly TableIndex[];
  /** The event that starts a stream: it inserts the row, every other event updates it. */
  startedBy: E['type'];
  /**
   * The column values the event sets, given it narrowed to the domain's union and the instant it occurred (ISO
   * 8601). A key of `relative` is no column: its value is what that relative change is made with.
   */
  changes(event: E, at: string): Record<string, unknown>;
  /** The changes made from a column's current value (an increment, an append), by the key `changes` gives them. */
  relative?: Record<string, RelativeColumnChange['assignment']>;
}

/**
 * The projection of a board that keeps one row per stream of one type: a table of the column values each event sets
 * (`changes`) is all a board declares; the DDL, the filter on the stream type and the writes (writeStreamRowChanges)
 * are the same for every such board, so they are here.
 */
export function streamRowProjection<E extends { type: string; data: unknown }>(
  declaration: StreamRowProjectionDeclaration<E>,
): InlineProjection {
  const { name, table, streamType, columns, indexes, startedBy } = declaration;
  return inlineProjection({
    name,
    table,
    handles: (event) => event.streamType === streamType,
    createTable: (qualifiedTable) => projectionTableDdl(qualifiedTable, [columns.definitions()], indexes),
    async applyEvent(manager, qualifiedTable, event: RecordedEvent) {
      const set: Record<string, unknown> = {};
      const relative: RelativeColumnChange[] = [];
      const changes = declaration.changes({ type: event.type, data: event.data } as E, event.occurredAt.toISOString());
      for (const [key, value] of Object.entries(changes)) {
        const assignment = declaration.relative?.[key];
        if (!assignment) set[key] = value;
        else if (value !== undefined) relative.push({ value, assignment });
      }
      await writeStreamRowChanges(manager, qualifiedTable, columns, columns.primaryKey(), event, set, {
        inserts: event.type === startedBy,
        relative,
      });
    },
  });
}
