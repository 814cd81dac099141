import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../store/recorded-event';
import type { Projection } from './projection';

export type AppendedColumn =
  | 'stream_id'
  | 'stream_type'
  | 'stream_version'
  | 'event_type'
  | 'payload'
  | 'metadata'
  | 'occurred_at'
  | 'recorded_at';

/** The appended rows' columns a projection's statement may read (the events table's own names), with their types. */
const APPENDED_COLUMNS: Record<AppendedColumn, { type: string; of: (e: RecordedEvent) => unknown }> = {
  stream_id: { type: 'text', of: (e: RecordedEvent) => e.streamId },
  stream_type: { type: 'text', of: (e: RecordedEvent) => e.streamType },
  stream_version: { type: 'int', of: (e: RecordedEvent) => e.streamVersion },
  event_type: { type: 'text', of: (e: RecordedEvent) => e.type },
  payload: { type: 'jsonb', of: (e: RecordedEvent) => JSON.stringify(e.data) },
  metadata: { type: 'jsonb', of: (e: RecordedEvent) => JSON.stringify(e.metadata) },
  occurred_at: { type: 'timestamptz', of: (e: RecordedEvent) => e.occurredAt },
  recorded_at: { type: 'timestamptz', of: (e: RecordedEvent) => e.recordedAt },
};

export type StatementProjectionDeclaration = Omit<Projection, 'apply' | 'statement'> & {
  /** The columns the statement reads: a replay sends only these. */
  reads: readonly AppendedColumn[];
  statement: NonNullable<Projection['statement']>;
};

/**
 * A projection whose update is one SQL statement over the appended rows. `apply` (rebuilds, asynchronous runners, a
 * transaction that cannot fold it into its INSERT) runs the same statement over the given events, unnested, so the
 * append and the replay cannot disagree.
 */
export function statementProjection<P extends StatementProjectionDeclaration>(declaration: P): P & Projection {
  const columns = declaration.reads.map((name) => ({ name, ...APPENDED_COLUMNS[name] }));
  const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return {
    ...declaration,
    async apply(manager: EntityManager, events: RecordedEvent[], qualifiedTable: string): Promise<void> {
      if (events.length === 0) return;
      await manager.query(
        `WITH appended (${columns.map((c) => c.name).join(', ')}) AS (SELECT * FROM unnest(${unnest}))
         ${declaration.statement('appended', qualifiedTable)}`,
        columns.map((c) => events.map((e) => c.of(e))),
      );
    },
  };
}
