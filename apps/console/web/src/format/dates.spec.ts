import { almatyInputNow, almatyInputToInstant, formatDate, formatDateTime, isoWeekOf, todayInAlmaty } from './dates';

describe('dates in Asia/Almaty', () => {
  it('shows an instant at Almaty time (UTC+5) in each language', () => {
    const instant = '2026-03-12T21:30:00Z';
    for (const language of ['kk', 'ru', 'en'] as const) {
      const shown = formatDateTime(instant, language);
      expect({ language, day: shown.includes('13'), time: shown.includes('02:30') }).toEqual({
        language,
        day: true,
        time: true,
      });
    }
    expect(formatDateTime(instant, 'en')).toBe('13/03/2026, 02:30');
  });

  it('shows a calendar date as that very day, whatever the zone', () => {
    expect(formatDate('2026-01-31', 'en')).toBe('31/01/2026');
    expect(formatDate('2026-01-31', 'ru')).toBe('31.01.2026');
  });

  it("names today's date in Almaty, which is tomorrow in UTC terms after 19:00 UTC", () => {
    expect(todayInAlmaty(new Date('2026-06-30T19:30:00Z'))).toBe('2026-07-01');
    expect(todayInAlmaty(new Date('2026-06-30T18:30:00Z'))).toBe('2026-06-30');
  });

  it.each([
    ['2020-03-16', '2020-W12'],
    ['2020-03-22', '2020-W12'],
    ['2019-12-30', '2020-W01'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-11-29', '2026-W48'],
  ])('puts %s in the ISO week %s (the club agenda asks by week)', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it("reads a typed date and time as Almaty's, with the offset of that day", () => {
    expect(almatyInputToInstant('2026-03-10T09:00')).toBe('2026-03-10T09:00:00+05:00');
    // Before 1 March 2024 Almaty was UTC+6.
    expect(almatyInputToInstant('2023-07-01T12:30')).toBe('2023-07-01T12:30:00+06:00');
    expect(almatyInputToInstant('2026-02-30T09:00')).toBeNull();
    expect(almatyInputToInstant('10.03.2026 09:00')).toBeNull();
    expect(almatyInputToInstant('')).toBeNull();
  });

  it("gives now as Almaty's wall clock for a date-and-time field", () => {
    expect(almatyInputNow(new Date('2026-06-30T19:30:00Z'))).toBe('2026-07-01T00:30');
  });
});
