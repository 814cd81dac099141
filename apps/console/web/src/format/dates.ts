/** Every time the console shows is Almaty's, whatever the browser's zone: the region's own clock. */
export const TIME_ZONE = 'Asia/Almaty';

export type Language = 'kk' | 'ru' | 'en';

/** The locale each language formats with (Kazakhstan's for kk and ru). */
export const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

/** A day as two-digit numbers (the year in full), and with its time on a 24-hour clock. */
const DAY = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const DAY_AND_TIME = { ...DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** One formatter per language, made the first time it is asked for (making one is slow, using one is not). */
function formatterPerLanguage(options: Intl.DateTimeFormatOptions): (language: Language) => Intl.DateTimeFormat {
  const made = new Map<Language, Intl.DateTimeFormat>();
  return (language) => {
    let format = made.get(language);
    if (!format) {
      format = new Intl.DateTimeFormat(LOCALES[language], options);
      made.set(language, format);
    }
    return format;
  };
}

const dateTimeFormat = formatterPerLanguage({ timeZone: TIME_ZONE, ...DAY_AND_TIME });
const dateFormat = formatterPerLanguage({ timeZone: 'UTC', ...DAY });

/** An instant (ISO 8601 with its zone) as a date and time in Almaty: "12.03.2026, 14:05" (ru). */
export function formatDateTime(iso: string, language: Language): string {
  return dateTimeFormat(language).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, a day with no zone) as that day, never shifted by a zone. */
export function formatDate(day: string, language: Language): string {
  return dateFormat(language).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** Today in Almaty as YYYY-MM-DD (a meeting's date, by default). */
export function todayInAlmaty(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, ...DAY }).format(now).slice(0, 10);
}

/** The ISO week (2020-W12) a calendar day (YYYY-MM-DD) falls in: the week of its Thursday, Monday first. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Almaty's offset from UTC at an instant ("+05:00"; "+06:00" before Kazakhstan's single zone of 1 March 2024). */
function almatyOffset(instant: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '+00:00';
}

const offsetMinutes = (offset: string) =>
  (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));

/**
 * A time typed in a date-and-time field (YYYY-MM-DDTHH:MM, Almaty's wall clock, whatever the browser's zone) as the
 * RFC 3339 instant the services take, with Almaty's offset of that day; null when it is no such time.
 */
export function almatyInputToInstant(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(wall);
  // 2026-02-30 rolls over into March: not a day of the calendar.
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // The offset at the instant itself: guessed from UTC+5, then corrected once (Almaty has no summer time now).
  let offset = almatyOffset(new Date(wall - 5 * 3_600_000));
  offset = almatyOffset(new Date(wall - offsetMinutes(offset) * 60_000));
  return `${local.trim()}:00${offset}`;
}

/** Now on Almaty's wall clock as a date-and-time field's value (YYYY-MM-DDTHH:MM). */
export function almatyInputNow(now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, ...DAY_AND_TIME })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
