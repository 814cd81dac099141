import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@app/platform';
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
 * The transaction id below which every transaction that could still append to `schema`'s log has finished, in the
 * calling statement's snapshot: the least of the snapshot's in-flight transaction ids that may be appenders, else its
 * xmax. pg_snapshot_xmin alone would wait for every writing transaction of the whole server (other services' schemas,
 * other databases, a long rebuild or import), and each such wait is latency for every relay. A transaction is left
 * out only when it is still running now and holds no ROW EXCLUSIVE lock on this events table: every transaction
 * that appends holds that lock from before it has a transaction id (the append is its first write, or it opened with
 * the log lock, LOG_LOCK / EventStore.append refuses otherwise), so such a transaction never appends. One that
 * finished since the snapshot counts (it may have appended; the next read passes it). Reading pg_locks needs no
 * privilege.
 * "Still running" is asked of the transaction itself (pg_xact_status), not only read from pg_locks: a committing
 * transaction gives up its fast-path locks (the ROW EXCLUSIVE on the events table among them) before the lock on its
 * own id, and pg_locks reads the fast-path slots before the shared lock table, so for a few microseconds an appender
 * that has just committed shows its id's lock without the table's. Taken at its word, that appender was left out
 * while this snapshot still saw it in flight, the horizon passed it, and a reader moving on to a later event skipped
 * its events for good (npm run probe:log-horizon: a walk of the log lost 12 of 216,000 events in 60 s). By then it has
 * committed, so pg_xact_status no longer says 'in progress' and it counts.
 * It is asked once per in-flight id that pg_locks shows as no appender, after the NOT EXISTS has read pg_locks (an
 * OR's arms run in order): inside that NOT EXISTS the planner put the cheaper call before the id's match, so it ran
 * for every pair of in-flight id and id lock on the server, quadratic in its writing transactions (with 40 of them
 * 0.42 ms a read against 0.24 ms).
 */
function appendHorizon(schema: string): string {
  return `(
    WITH snapshot AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
    locks AS MATERIALIZED (
      SELECT l.pid, l.locktype = 'relation' AS on_log, l.transactionid::text::bigint AS xid32
        FROM pg_locks l
       WHERE l.pid IS NOT NULL AND l.granted
         AND ((l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock')
           OR (l.locktype = 'relation' AND l.mode = 'RowExclusiveLock' AND l.relation = '"${schema}".events'::regclass)))
    SELECT coalesce(
      (SELECT min(x) FROM snapshot, pg_snapshot_xip(snapshot.s) AS x
        WHERE NOT EXISTS (
          SELECT 1 FROM locks running
           WHERE NOT running.on_log AND running.xid32 = x::text::bigint % 4294967296
             AND NOT EXISTS (SELECT 1 FROM locks appender WHERE appender.on_log AND appender.pid = running.pid))
           OR pg_xact_status(x) IS DISTINCT FROM 'in progress'),
      (SELECT pg_snapshot_xmax(s) FROM snapshot)))`;
}

/**
 * Events after `after`, only from transactions older than every transaction that could still append to this log
 * (appendHorizon). A transaction that took a lower global position but commits later is therefore waited
 * for, never skipped — the sequence-gap problem of reading by position alone. `upTo` bounds the read.
 * A prepared statement (the relay and every projection read it back to back): its plan, always the index on
 * (transaction_id, global_position), is made once per connection instead of on every read.
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
  const rows = await preparedQuery<EventRow>(
    db,
    `SELECT ${EVENT_COLUMNS} FROM "${schema}".events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND transaction_id < ${appendHorizon(schema)}
        ${bound}
      ORDER BY transaction_id, global_position
      LIMIT $3`,
    params,
  );
  return rows.map(toRecordedEvent);
}

/**
 * The horizon a reader's statement works to, with the transactions its snapshot had in flight, from one statement:
 * for probing a server (npm run probe:log-horizon) and for tests. An appender in flight in the snapshot and below the
 * horizon is one the reader would pass.
 */
export async function readLogHorizon(
  db: DataSource | EntityManager,
  schema: string,
): Promise<{ horizon: bigint; inFlight: bigint[] }> {
  const [row]: Array<{ horizon: string; in_flight: string[] | null }> = await db.query(
    `SELECT ${appendHorizon(schema)}::text AS horizon,
            (SELECT array_agg(x::text) FROM pg_snapshot_xip(pg_current_snapshot()) AS x) AS in_flight`,
  );
  return { horizon: BigInt(row.horizon), inFlight: (row.in_flight ?? []).map(BigInt) };
}
