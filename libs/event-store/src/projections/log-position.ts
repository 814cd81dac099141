import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, type EventRow, type RecordedEvent, toRecordedEvent } from '../store/recorded-event';

/** A place in the event log in commit-safe order: (transaction id, global position). */
export interface LogPosition {
  transactionId: string;
  position: string;
}

export const LOG_START: LogPosition = { transactionId: '0', position: '0' };

export function positionOf(event: RecordedEvent): LogPosition {
  return { transactionId: event.transactionId, position: event.globalPosition };
}

/**
 * Events after `after`, only from transactions older than every transaction still in flight
 * (pg_snapshot_xmin). A transaction that took a lower global position but commits later is therefore waited
 * for, never skipped — the sequence-gap problem of reading by position alone. `upTo` bounds the read.
 */
export async function readCommittedEvents(
  db: DataSource | EntityManager,
  schema: string,
  after: LogPosition,
  limit: number,
  upTo?: LogPosition,
): Promise<RecordedEvent[]> {
  const params: unknown[] = [after.transactionId, after.position, limit];
  let bound = '';
  if (upTo) {
    params.push(upTo.transactionId, upTo.position);
    bound = 'AND (transaction_id, global_position) <= ($4::xid8, $5::bigint)';
  }
  const rows: EventRow[] = await db.query(
    `SELECT ${EVENT_COLUMNS} FROM "${schema}".events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ${bound}
      ORDER BY transaction_id, global_position
      LIMIT $3`,
    params,
  );
  return rows.map(toRecordedEvent);
}
