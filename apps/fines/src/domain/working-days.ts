/**
 * Kazakhstan's working-day calendar (configuration: apps/fines/src/config/kz-holidays.json). Days are Asia/Almaty
 * calendar dates 'YYYY-MM-DD'. Saturdays and Sundays are off unless listed as working days (moved by decree);
 * fixed-date holidays are off; a holiday that falls on a weekend moves its day off to the next working day when
 * the holiday carries over (religious holidays do not); extra days off (moved by decree) are off.
 */
export interface HolidayCalendar {
  /** 'MM-DD' holidays, each for the years it applies to. */
  fixedHolidays: Array<{ date: string; name: string; fromYear?: number; toYear?: number; carriesOver?: boolean }>;
  /** Weekdays made days off by a transfer decree (the other side of a working Saturday). */
  extraDaysOff: string[];
  /** Saturdays or Sundays made working days by a transfer decree. */
  workingWeekendDays: string[];
}

/** The Asia/Almaty calendar date of an instant, as 'YYYY-MM-DD' (one formatter, in the domain kernel). */
export { almatyDate } from '@app/domain-kernel';

export function addCalendarDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

function holidaysOf(calendar: HolidayCalendar, year: number): Array<{ day: string; carriesOver: boolean }> {
  return calendar.fixedHolidays
    .filter((h) => (h.fromYear ?? 0) <= year && year <= (h.toYear ?? 9999))
    .map((h) => ({ day: `${year}-${h.date}`, carriesOver: h.carriesOver !== false }));
}

/** The days off of a year beyond ordinary weekends: holidays, their carried-over days, extra days off. */
function daysOffOf(calendar: HolidayCalendar, year: number): Set<string> {
  const holidays = holidaysOf(calendar, year);
  const off = new Set([
    ...holidays.map((h) => h.day),
    ...calendar.extraDaysOff.filter((d) => d.startsWith(`${year}-`)),
  ]);
  const working = new Set(calendar.workingWeekendDays);
  for (const h of holidays.sort((a, b) => a.day.localeCompare(b.day))) {
    if (!h.carriesOver || !isWeekend(h.day) || working.has(h.day)) continue;
    let next = addCalendarDays(h.day, 1);
    while ((isWeekend(next) && !working.has(next)) || off.has(next)) next = addCalendarDays(next, 1);
    off.add(next);
  }
  return off;
}

export class WorkingDays {
  private readonly years = new Map<number, Set<string>>();

  constructor(private readonly calendar: HolidayCalendar) {}

  isWorkingDay(day: string): boolean {
    if (this.calendar.workingWeekendDays.includes(day)) return true;
    if (isWeekend(day)) return false;
    const year = Number(day.slice(0, 4));
    if (!this.years.has(year)) this.years.set(year, daysOffOf(this.calendar, year));
    return !this.years.get(year)!.has(day);
  }

  /** The n-th working day after `day` (the day itself does not count). */
  addWorkingDays(day: string, n: number): string {
    let current = day;
    for (let counted = 0; counted < n;) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) counted++;
    }
    return current;
  }
}
