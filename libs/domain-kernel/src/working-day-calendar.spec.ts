import { kazakhstanCalendar, KZ_WORKING_DAY_CALENDAR } from './kz-working-day-calendar';
import { isWeekend, WorkingDayCalendar, type WorkingDayCalendarData } from './working-day-calendar';

const days = kazakhstanCalendar;
const deadline = (from: string, n: number) => days.addWorkingDays(from, n);

describe('working days (Kazakhstan calendar)', () => {
  it('skips Saturdays and Sundays', () => {
    expect(days.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(days.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(deadline('2026-03-05', 2).day).toBe('2026-03-10'); // Fri 6, (Sat, Sun 8 March, Mon 9 carried over), Tue 10
  });

  it('skips fixed-date holidays, and a weekend holiday carries over to the next working day', () => {
    expect(days.isWorkingDay('2026-01-07')).toBe(false); // Orthodox Christmas, Wednesday
    expect(days.isWorkingDay('2026-03-09')).toBe(false); // 8 March fell on a Sunday
    expect(days.isWorkingDay('2026-03-23')).toBe(false); // Nauryz, Monday
    expect(days.isWorkingDay('2026-03-24')).toBe(false); // Nauryz 21 March (Saturday) carried over
    expect(days.isWorkingDay('2026-03-25')).toBe(false); // Nauryz 22 March (Sunday) carried over
    expect(days.isWorkingDay('2026-03-26')).toBe(true);
  });

  it('has the days off the labour ministry published for 2026: 15 weekdays', () => {
    expect(days.exceptionsFor(2026)).toEqual({
      daysOff: [
        '2026-01-01',
        '2026-01-02',
        '2026-01-07',
        '2026-03-09',
        '2026-03-23',
        '2026-03-24',
        '2026-03-25',
        '2026-05-01',
        '2026-05-07',
        '2026-05-11',
        '2026-05-27',
        '2026-07-06',
        '2026-08-31',
        '2026-10-26',
        '2026-12-16',
      ],
      weekendDaysWorked: [],
    });
  });

  it('does not carry religious holidays over', () => {
    const calendar: WorkingDayCalendarData = {
      name: 'test',
      fixedHolidays: [{ date: '01-07', name: 'Christmas', carriesOver: false, law: 'test' }],
      years: {},
      verifiedYears: [2024],
    };
    expect(new WorkingDayCalendar(calendar).isWorkingDay('2024-01-08')).toBe(true); // 7 Jan 2024 was a Sunday
    expect(days.isWorkingDay('2024-06-17')).toBe(true); // Kurban ait 2024 was Sunday 16 June: Monday was worked
  });

  it('counts Kurban ait on the date set for its year', () => {
    expect(days.isWorkingDay('2026-05-27')).toBe(false); // Wednesday
    expect(deadline('2026-05-26', 1).day).toBe('2026-05-28');
    expect(days.isWorkingDay('2025-06-06')).toBe(false); // Friday
    expect(days.isWorkingDay('2027-05-27')).toBe(true); // 27 May is 2026's date, not 2027's
  });

  it('applies the moved days of the transfer decrees, a weekday worked among them', () => {
    expect(days.isWorkingDay('2020-01-03')).toBe(false); // Friday made a day off
    expect(days.isWorkingDay('2020-01-05')).toBe(true); // Sunday worked in exchange
    expect(days.isWorkingDay('2020-05-08')).toBe(false); // Friday off ...
    expect(days.isWorkingDay('2020-05-11')).toBe(true); // ... for Monday 11 May, Victory Day's carried-over day off
    // 2023: Saturday 1 July worked for Friday 7 July, beside Capital Day on Thursday 6 July.
    expect(deadline('2023-06-30', 1)).toEqual({ day: '2023-07-01', calendarUnverified: false });
    expect(deadline('2023-07-05', 1).day).toBe('2023-07-10');
  });

  it('knows the holidays of their years only', () => {
    expect(days.isWorkingDay('2021-10-25')).toBe(true); // Republic Day is a holiday again from 2022
    expect(days.isWorkingDay('2023-10-25')).toBe(false);
    expect(days.isWorkingDay('2021-12-17')).toBe(false);
    expect(days.isWorkingDay('2025-12-17')).toBe(true);
    expect(days.isWorkingDay('2021-12-01')).toBe(false); // First President Day, until 2021
    expect(days.isWorkingDay('2022-12-01')).toBe(true);
  });

  it('counts from the day after the notice', () => {
    expect(deadline('2026-03-04', 7).day).toBe('2026-03-16');
    expect(deadline('2026-03-04', 1).day).toBe('2026-03-05');
  });

  describe('a year the data is not verified for', () => {
    it('lists the verified years explicitly: 2020-2026, not 2027', () => {
      expect(KZ_WORKING_DAY_CALENDAR.verifiedYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
      expect(days.isVerified(2027)).toBe(false);
      expect(days.verifiedThrough(2020)).toBe(2026);
      expect(days.verifiedThrough(2027)).toBeUndefined();
    });

    it('flags a count that crosses into 2027, and not one that ends on 31 December 2026', () => {
      expect(deadline('2026-12-22', 7)).toEqual({ day: '2026-12-31', calendarUnverified: false });
      // 24, 25, 28, 29, 30, 31 December; New Year on Friday 1 and Saturday 2 January (carried to Monday 4); Tuesday 5.
      expect(deadline('2026-12-23', 7)).toEqual({ day: '2027-01-05', calendarUnverified: true });
      expect(days.addCalendarDays('2026-12-01', 30)).toEqual({ day: '2026-12-31', calendarUnverified: false });
      expect(days.addCalendarDays('2026-12-02', 30)).toEqual({ day: '2027-01-01', calendarUnverified: true });
    });

    it('counts 2027 by the base rules with the estimated Kurban ait, and no transfer assumed', () => {
      expect(days.exceptionsFor(2027)).toEqual({
        daysOff: [
          '2027-01-01',
          '2027-01-04',
          '2027-01-07',
          '2027-03-08',
          '2027-03-22',
          '2027-03-23',
          '2027-03-24',
          '2027-05-03',
          '2027-05-07',
          '2027-05-10',
          '2027-07-06',
          '2027-08-30',
          '2027-10-25',
          '2027-12-16',
        ],
        weekendDaysWorked: [],
      });
      expect(KZ_WORKING_DAY_CALENDAR.years['2027'].transfers).toEqual([]);
    });

    it('counts a year without any data by weekends and fixed holidays, flagged', () => {
      expect(days.isWorkingDay('2030-03-08')).toBe(false); // a Friday
      expect(deadline('2030-03-07', 1)).toEqual({ day: '2030-03-11', calendarUnverified: true });
    });
  });

  describe('the data', () => {
    const years = Object.entries(KZ_WORKING_DAY_CALENDAR.years);

    it('has, for every verified year, Kurban ait with its source and the transfer decree or a note why there is none', () => {
      for (const year of KZ_WORKING_DAY_CALENDAR.verifiedYears) {
        const data = KZ_WORKING_DAY_CALENDAR.years[String(year)];
        expect(data.holidays.find((h) => h.name.startsWith('Kurban ait'))?.source).toMatch(/\w/);
        expect(data.transferSource ?? data.note).toMatch(/\w/);
        expect(data.holidays.every((h) => !h.source.includes('UNVERIFIED'))).toBe(true);
      }
    });

    it('moves each transfer within its year, from a day off to a weekday', () => {
      for (const [year, data] of years)
        for (const t of data.transfers) {
          expect([t.from.slice(0, 4), t.to.slice(0, 4)]).toEqual([year, year]);
          expect(isWeekend(t.to)).toBe(false);
          expect(days.isWorkingDay(t.from)).toBe(true);
          expect(days.isWorkingDay(t.to)).toBe(false);
        }
    });
  });
});
