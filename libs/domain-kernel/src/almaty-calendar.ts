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
