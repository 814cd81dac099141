import type { DomainEvent } from '@app/domain-kernel';
import { inlineProjection, updateStreamRow, type InlineProjection, type RecordedEvent } from '@app/event-store';
import type { Queryable } from '@app/platform';

type DataOf<E extends DomainEvent, T extends E['type']> = Extract<E, { type: T }>['data'];

/** The assignment an event makes in its stream's row, and the value of the event's it binds to `$3`. */
export interface RowUpdate<D> {
  set: string;
  value: (data: D) => unknown;
}

/** A register's projection: its table, the row its stream's first event inserts, and what each later one updates. */
export interface RegisterRowProjectionDeclaration<E extends DomainEvent, S extends E['type']> {
  name: string;
  table: string;
  /** The type of the streams the register keeps a row each of, under the stream id (its PRIMARY KEY column). */
  streamType: string;
  columns: {
    createTable(qualifiedTable: string, indexes: string[]): string;
    insert(db: Queryable, qualifiedTable: string, values: object): Promise<unknown>;
    primaryKey(): string;
  };
  indexes: string[];
  /** The event that starts a stream: it inserts the row (`row`), every other event updates it (`updates`). */
  startedBy: S;
  /** The row the starting event inserts, by its columns' keys, given the event's data and the stream's version. */
  row: (data: DataOf<E, S>, version: number) => object;
  /** What each later event changes in its stream's row; an event of a type not named here changes nothing. */
  updates: { [T in Exclude<E['type'], S>]: RowUpdate<DataOf<E, T>> };
}

/**
 * The projection of a public register (institutions, programmes, contracts): one row per stream, kept in the append
 * transaction. The filter on the stream type, the DDL and the two writes are the same for every register, so here.
 */
export function registerRowProjection<E extends DomainEvent, S extends E['type']>(
  declaration: RegisterRowProjectionDeclaration<E, S>,
): InlineProjection {
  const { name, table, streamType, columns, indexes, startedBy, row, updates } = declaration;
  return inlineProjection<RecordedEvent<E>>({
    name,
    table,
    handles: (event) => event.streamType === streamType,
    createTable: (qualifiedTable) => columns.createTable(qualifiedTable, indexes),
    async applyEvent(manager, qualifiedTable, event) {
      if (event.type === startedBy) {
        await columns.insert(manager, qualifiedTable, row(event.data as DataOf<E, S>, event.streamVersion));
        return;
      }
      const update = (updates as Record<string, RowUpdate<unknown> | undefined>)[event.type];
      if (update)
        await updateStreamRow(
          manager,
          qualifiedTable,
          columns.primaryKey(),
          event,
          update.set,
          update.value(event.data),
        );
    },
  });
}
