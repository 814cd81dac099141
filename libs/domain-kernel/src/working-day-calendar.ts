/**
 * A working-day calendar over calendar dates 'YYYY-MM-DD' (a service reads them in Asia/Almaty, almatyDate): Saturdays
 * and Sundays are off; so are the public holidays of the law, each for the years it applies to, and the holidays set
 * per year (Kurban ait moves with the lunar calendar). A holiday that falls on a Saturday or Sunday moves its day off to
 * the next working day unless it is religious. Then the year's transfer decree moves days off: a Saturday worked, a
 * weekday off. A year's data counts only once someone checked it against that year's decree and listed it in
 * `verifiedYears`; any other year is counted by the base rules (weekends, fixed holidays, the dates the data has) and
 * every answer that reaches into it says so (`calendarUnverified`), so a deadline is never silently assumed.
 */

/** A public holiday on the same date every year, for the years its law gives it (fromYear/toYear inclusive). */
export interface FixedHoliday {
  /** 'MM-DD'. */
  date: string;
  name: string;
  fromYear?: number;
  toYear?: number;
  /** On a Saturday or Sunday its day off moves to the next working day; religious holidays do not move. */
  carriesOver: boolean;
  /** The law that makes it a day off. */
  law: string;
}

/** A holiday on a date set for one year (Kurban ait's first day), with where the date comes from. */
export interface DatedHoliday {
  day: string;
  name: string;
  carriesOver: boolean;
  source: string;
}

/** One move of a transfer decree: the day off of `from` is taken on `to` instead, so `from` is worked and `to` is off. */
export interface DayOffTransfer {
  from: string;
  to: string;
}

export interface CalendarYear {
  holidays: DatedHoliday[];
  transfers: DayOffTransfer[];
  /** The decree or order the transfers come from; null for a year without one (the note says how that is known). */
  transferSource: string | null;
  note?: string;
}

export interface WorkingDayCalendarData {
  name: string;
  fixedHolidays: FixedHoliday[];
  /** By year, 'YYYY'. */
  years: Record<string, CalendarYear>;
  /** The years whose holidays and transfers were checked against their decrees; only these are answered unflagged. */
  verifiedYears: number[];
}

/** A day a calendar computed, and whether it counted through a year its data is not verified for. */
export interface CalendarDay {
  day: string;
  calendarUnverified: boolean;
}

export function addCalendarDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

const yearOf = (day: string) => Number(day.slice(0, 4));

/** A year's days that are not what the day of the week says: extra days off, and weekend days worked. */
interface YearExceptions {
  off: Set<string>;
  worked: Set<string>;
}

export class WorkingDayCalendar {
  private readonly exceptions = new Map<number, YearExceptions>();
  private readonly verified: ReadonlySet<number>;

  constructor(readonly data: WorkingDayCalendarData) {
    this.verified = new Set(data.verifiedYears);
  }

  isVerified(year: number): boolean {
    return this.verified.has(year);
  }

  /** The last year of an unbroken run of verified years reaching `fromYear`, or undefined if `fromYear` is not verified. */
  verifiedThrough(fromYear: number): number | undefined {
    if (!this.isVerified(fromYear)) return undefined;
    let year = fromYear;
    while (this.isVerified(year + 1)) year++;
    return year;
  }

  isWorkingDay(day: string): boolean {
    const { off, worked } = this.exceptionsOf(yearOf(day));
    if (worked.has(day)) return true;
    if (off.has(day)) return false;
    return !isWeekend(day);
  }

  /** The n-th working day after `day` (the day itself does not count), flagged if the count ran through an unverified year. */
  addWorkingDays(day: string, n: number): CalendarDay {
    let current = day;
    let calendarUnverified = false;
    for (let counted = 0; counted < n;) {
      current = addCalendarDays(current, 1);
      if (!this.isVerified(yearOf(current))) calendarUnverified = true;
      if (this.isWorkingDay(current)) counted++;
    }
    return { day: current, calendarUnverified };
  }

  /** `days` calendar days after `day`, flagged when it lands in an unverified year (a day off there is not known). */
  addCalendarDays(day: string, days: number): CalendarDay {
    const result = addCalendarDays(day, days);
    return { day: result, calendarUnverified: !this.isVerified(yearOf(result)) };
  }

  /** Every day off of a year that is not a plain Saturday or Sunday, and the weekend days worked, sorted. */
  exceptionsFor(year: number): { daysOff: string[]; weekendDaysWorked: string[] } {
    const { off, worked } = this.exceptionsOf(year);
    return {
      daysOff: [...off].filter((d) => !isWeekend(d)).sort(),
      weekendDaysWorked: [...worked].filter(isWeekend).sort(),
    };
  }

  private exceptionsOf(year: number): YearExceptions {
    let found = this.exceptions.get(year);
    if (!found) {
      found = this.computeExceptions(year);
      this.exceptions.set(year, found);
    }
    return found;
  }

  private computeExceptions(year: number): YearExceptions {
    const data = this.data.years[String(year)];
    const holidays = [
      ...this.data.fixedHolidays
        .filter((h) => (h.fromYear ?? 0) <= year && year <= (h.toYear ?? 9999))
        .map((h) => ({ day: `${year}-${h.date}`, carriesOver: h.carriesOver })),
      ...(data?.holidays ?? []).map((h) => ({ day: h.day, carriesOver: h.carriesOver })),
    ].sort((a, b) => a.day.localeCompare(b.day));
    const off = new Set(holidays.map((h) => h.day));
    // Carried over in date order, so Nauryz on a Saturday and a Sunday takes the Tuesday and the Wednesday after Monday's.
    for (const h of holidays) {
      if (!h.carriesOver || !isWeekend(h.day)) continue;
      let next = addCalendarDays(h.day, 1);
      while (isWeekend(next) || off.has(next)) next = addCalendarDays(next, 1);
      off.add(next);
    }
    // The decree comes last: it moves the days off the law gave, the carried-over ones included (2020: Monday 11 May,
    // Victory Day's carried-over day off, was worked for Friday 8 May).
    const worked = new Set<string>();
    for (const t of data?.transfers ?? []) {
      off.delete(t.from);
      worked.add(t.from);
      off.add(t.to);
      worked.delete(t.to);
    }
    return { off, worked };
  }
}
