import type { Queryable } from '@app/platform';
import type { RecordedEvent } from '../store/recorded-event';

/** A change an UPDATE makes from a column's current value and one parameter (`paid_tiyn = paid_tiyn + $9::bigint`). */
export interface RelativeColumnChange {
  value: unknown;
  /** The assignment, given the placeholder its value is bound to (`$9`). */
  assignment: (placeholder: string) => string;
}

/**
 * Writes what one event changes in its stream's row of a board that keeps one row per stream, keyed by the stream id,
 * with the stream's version: the event that starts the stream inserts the row with the columns it sets, any other
 * updates them (and the relative changes, which read the row's current values). Each value is bound with its column's
 * cast, a jsonb value as JSON text (pg would send a JS array as a Postgres array). A board whose projection is a table
 * of the column values each event sets (fines', road-cases') has its writes from here.
 */
export async function writeStreamRowChanges(
  db: Queryable,
  table: string,
  columns: { cast(name: string): string },
  keyColumn: string,
  event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>,
  set: Record<string, unknown>,
  /** Whether the event starts the stream (its row is inserted); the relative changes are an update's. */
  options: { inserts: boolean; relative?: readonly RelativeColumnChange[] },
): Promise<void> {
  const names = Object.keys(set);
  const value = (n: string) => (columns.cast(n) === 'jsonb' && set[n] !== null ? JSON.stringify(set[n]) : set[n]);
  const params: unknown[] = [event.streamId, event.streamVersion, ...names.map(value)];
  const cast = (n: string, i: number) => `$${i + 3}::${columns.cast(n)}`;
  if (options.inserts) {
    await db.query(
      `INSERT INTO ${table} (${keyColumn}, version, ${names.join(', ')}) VALUES ($1, $2, ${names.map(cast).join(', ')})`,
      params,
    );
    return;
  }
  const assignments = names.map((n, i) => `${n} = ${cast(n, i)}`);
  for (const change of options.relative ?? []) {
    params.push(change.value);
    assignments.push(change.assignment(`$${params.length}`));
  }
  await updateStreamRow(db, table, keyColumn, event, assignments.join(', '), ...params.slice(2));
}

/**
 * Sets its stream's row to the event's version and makes the assignments (none: the version alone), whose
 * placeholders start at `$3` for the values given: the UPDATE of every board kept one row per stream.
 */
export async function updateStreamRow(
  db: Queryable,
  table: string,
  keyColumn: string,
  event: Pick<RecordedEvent, 'streamId' | 'streamVersion'>,
  assignments: string,
  ...values: unknown[]
): Promise<void> {
  await db.query(`UPDATE ${table} SET version = $2${assignments ? `, ${assignments}` : ''} WHERE ${keyColumn} = $1`, [
    event.streamId,
    event.streamVersion,
    ...values,
  ]);
}
