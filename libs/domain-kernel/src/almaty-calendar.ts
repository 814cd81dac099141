/**
 * Business calendars are Asia/Almaty: the calendar date of an instant there, YYYY-MM-DD. en-CA formats
 * as YYYY-MM-DD; the zone database knows Almaty's offset changes (UTC+6 until 2024, then UTC+5).
 */
const ALMATY_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Almaty',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function almatyDate(instant: Date): string {
  return ALMATY_DATE.format(instant);
}

export function almatyYear(instant: Date): number {
  return Number(almatyDate(instant).slice(0, 4));
}

/**
 * The first instant of an Asia/Almaty calendar date: where a period that starts on that date begins, for a database
 * query over instants (found with the same formatter as almatyDate, so both agree however the offset changed).
 */
export function almatyDayStart(day: string): Date {
  // Almaty is ahead of UTC by 5 or 6 hours: the day starts between 14 hours before UTC midnight and UTC midnight.
  let low = Date.parse(`${day}T00:00:00.000Z`) - 14 * 3_600_000;
  let high = Date.parse(`${day}T00:00:00.000Z`);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (almatyDate(new Date(mid)) >= day) high = mid;
    else low = mid;
  }
  return new Date(high);
}
