import { readFileSync } from 'node:fs';
import { almatyDate, WorkingDays, type HolidayCalendar } from './working-days';

const KZ: HolidayCalendar = JSON.parse(readFileSync('apps/fines/src/config/kz-holidays.json', 'utf8'));

describe('working days (Kazakhstan calendar)', () => {
  const days = new WorkingDays(KZ);

  it('skips Saturdays and Sundays', () => {
    expect(days.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(days.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(days.addWorkingDays('2026-03-05', 2)).toBe('2026-03-10'); // Fri 6, (Sat, Sun 8 March, Mon 9 carried over), Tue 10
  });

  it('skips fixed-date holidays, and a weekend holiday carries over to the next working day', () => {
    expect(days.isWorkingDay('2026-01-07')).toBe(false); // Orthodox Christmas, Wednesday
    expect(days.isWorkingDay('2026-03-09')).toBe(false); // 8 March fell on a Sunday
    expect(days.isWorkingDay('2026-03-23')).toBe(false); // Nauryz, Monday
    expect(days.isWorkingDay('2026-03-24')).toBe(false); // Nauryz 21 March (Saturday) carried over
    expect(days.isWorkingDay('2026-03-25')).toBe(false); // Nauryz 22 March (Sunday) carried over
    expect(days.isWorkingDay('2026-03-26')).toBe(true);
  });

  it('does not carry religious holidays over', () => {
    const calendar: HolidayCalendar = {
      fixedHolidays: [{ date: '01-07', name: 'Christmas', carriesOver: false }],
      extraDaysOff: [],
      workingWeekendDays: [],
    };
    expect(new WorkingDays(calendar).isWorkingDay('2024-01-08')).toBe(true); // 7 Jan 2024 was a Sunday
  });

  it('applies the moved days of the transfer decrees', () => {
    expect(days.isWorkingDay('2020-01-03')).toBe(false); // Friday made a day off
    expect(days.isWorkingDay('2020-01-05')).toBe(true); // Sunday worked in exchange
  });

  it('knows the holidays of their years only', () => {
    expect(days.isWorkingDay('2021-10-25')).toBe(true); // Republic Day is a holiday again from 2022
    expect(days.isWorkingDay('2023-10-25')).toBe(false);
    expect(days.isWorkingDay('2021-12-17')).toBe(false);
    expect(days.isWorkingDay('2025-12-17')).toBe(true);
  });

  it('counts from the day after the notice', () => {
    expect(days.addWorkingDays('2026-03-04', 7)).toBe('2026-03-16');
    expect(days.addWorkingDays('2026-03-04', 1)).toBe('2026-03-05');
  });

  it('reads instants as Asia/Almaty calendar days (UTC+6 until March 2024, UTC+5 since)', () => {
    expect(almatyDate(new Date('2020-03-31T18:30:00Z'))).toBe('2020-04-01');
    expect(almatyDate(new Date('2026-03-16T18:59:00Z'))).toBe('2026-03-16');
    expect(almatyDate(new Date('2026-03-16T19:00:00Z'))).toBe('2026-03-17');
  });
});
