/** Every time the console shows is Almaty's, whatever the browser's zone: the region's own clock. */
export const TIME_ZONE = 'Asia/Almaty';

export type Language = 'kk' | 'ru' | 'en';

/** The locale each language formats with (Kazakhstan's for kk and ru). */
export const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** An instant (ISO 8601 with its zone) as a date and time in Almaty: "12.03.2026, 14:05" (ru). */
export function formatDateTime(iso: string, language: Language): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, a day with no zone) as that day, never shifted by a zone. */
export function formatDate(day: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(language, format);
  }
  return format.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/** Today in Almaty as YYYY-MM-DD (a meeting's date, by default). */
export function todayInAlmaty(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now)
    .slice(0, 10);
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
