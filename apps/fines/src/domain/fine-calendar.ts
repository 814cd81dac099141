import type { FineIssued } from './fine.events';

/**
 * The last year the working-day calendar had data for before FineIssued carried calendarUnverified: a fine recorded
 * earlier with a deadline after it was counted by weekends and fixed holidays alone, unflagged. It is read as flagged,
 * in the register and in its state alike, so a rebuild gives the same answer as the migration that added the column.
 */
export const LAST_CALENDAR_YEAR_BEFORE_FLAG = 2026;

export function issuedOnUnverifiedCalendar(
  d: Pick<FineIssued['data'], 'calendarUnverified' | 'discountDeadline' | 'dueDate'>,
): boolean {
  if (d.calendarUnverified !== undefined) return d.calendarUnverified;
  return [d.discountDeadline, d.dueDate].some((day) => Number(day.slice(0, 4)) > LAST_CALENDAR_YEAR_BEFORE_FLAG);
}
