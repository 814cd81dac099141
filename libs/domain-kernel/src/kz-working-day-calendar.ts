import { WorkingDayCalendar, type DatedHoliday, type WorkingDayCalendarData } from './working-day-calendar';

const HOLIDAYS_LAW =
  'Law of the RK "On holidays in the Republic of Kazakhstan" (2001), art. 1-2, 5; Labour Code of the RK (2015), art. 84-85';
const KURBAN_AIT = 'Kurban ait (first day)';

/** A year's Kurban ait, on the day its source sets: a religious holiday, so its day off does not carry over. */
const kurbanAit = (day: string, source: string): DatedHoliday => ({
  day,
  name: KURBAN_AIT,
  carriesOver: false,
  source,
});

/**
 * Kazakhstan's working days, for every service that counts a deadline in them. Reference data from the law, kept
 * here beside the code that reads it (a change is reviewed like code): the public holidays of the Law "On holidays"
 * with the years each applies to, Kurban ait's date per year (set with the Spiritual Administration of Muslims of
 * Kazakhstan, DUMK, on the lunar calendar; it does not carry over), and each year's transfer decree (the Government's
 * until 2023, the labour ministry's order since). 2020-2026 were checked against those sources; 2027 is not yet:
 * neither DUMK's date for Kurban ait nor a transfer order could be confirmed, so it is counted by the base rules and
 * flagged. To verify a year: enter its Kurban ait and its transfers with their sources, then list it in verifiedYears.
 */
export const KZ_WORKING_DAY_CALENDAR: WorkingDayCalendarData = {
  name: 'Kazakhstan (Asia/Almaty dates)',
  fixedHolidays: [
    { date: '01-01', name: 'New Year', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '01-02', name: 'New Year', carriesOver: true, law: HOLIDAYS_LAW },
    {
      date: '01-07',
      name: 'Orthodox Christmas',
      carriesOver: false,
      law: `${HOLIDAYS_LAW} (religious: not carried over)`,
    },
    { date: '03-08', name: "International Women's Day", carriesOver: true, law: HOLIDAYS_LAW },
    { date: '03-21', name: 'Nauryz meyrami', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '03-22', name: 'Nauryz meyrami', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '03-23', name: 'Nauryz meyrami', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '05-01', name: "Kazakhstan People's Unity Day", carriesOver: true, law: HOLIDAYS_LAW },
    { date: '05-07', name: 'Defender of the Fatherland Day', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '05-09', name: 'Victory Day', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '07-06', name: 'Capital Day', carriesOver: true, law: HOLIDAYS_LAW },
    { date: '08-30', name: 'Constitution Day', carriesOver: true, law: HOLIDAYS_LAW },
    {
      date: '10-25',
      name: 'Republic Day',
      fromYear: 2022,
      carriesOver: true,
      law: `${HOLIDAYS_LAW}; a national holiday and day off again from 2022 (amending law of 2022)`,
    },
    {
      date: '12-01',
      name: 'First President Day',
      toYear: 2021,
      carriesOver: true,
      law: `${HOLIDAYS_LAW}; removed from the holidays by the amending law of 2022`,
    },
    { date: '12-16', name: 'Independence Day', carriesOver: true, law: HOLIDAYS_LAW },
    {
      date: '12-17',
      name: 'Independence Day (second day)',
      toYear: 2021,
      carriesOver: true,
      law: `${HOLIDAYS_LAW}; Independence Day is 16 December alone from 2022`,
    },
  ],
  years: {
    '2020': {
      holidays: [kurbanAit('2020-07-31', 'DUMK calendar for 2020')],
      transfers: [
        { from: '2020-01-05', to: '2020-01-03' },
        // Victory Day fell on Saturday 9 May: its carried-over Monday 11 May was worked for Friday 8 May.
        { from: '2020-05-11', to: '2020-05-08' },
        { from: '2020-12-20', to: '2020-12-18' },
      ],
      transferSource: 'Government decree "On moving days off in 2020" (2019)',
    },
    '2021': {
      holidays: [kurbanAit('2021-07-20', 'DUMK calendar for 2021')],
      transfers: [{ from: '2021-07-03', to: '2021-07-05' }],
      transferSource: 'Government decree "On moving days off in 2021" (2020)',
    },
    '2022': {
      holidays: [kurbanAit('2022-07-09', 'DUMK calendar for 2022')],
      transfers: [
        { from: '2022-03-05', to: '2022-03-07' },
        { from: '2022-08-27', to: '2022-08-29' },
        { from: '2022-10-22', to: '2022-10-24' },
      ],
      transferSource:
        'Government decree "On moving days off in 2022" (2021), and its amendment of October 2022 (22 -> 24 October, for Republic Day)',
    },
    '2023': {
      holidays: [kurbanAit('2023-06-28', 'DUMK calendar for 2023')],
      transfers: [{ from: '2023-07-01', to: '2023-07-07' }],
      transferSource: 'Government decree "On moving days off in 2023" (2022)',
    },
    '2024': {
      holidays: [
        kurbanAit(
          '2024-06-16',
          'DUMK, June 2024: moved from Monday 17 June (the calendar first published) to Sunday 16 June, so 17 June was worked',
        ),
      ],
      transfers: [{ from: '2024-05-04', to: '2024-05-08' }],
      transferSource: 'Order of the Minister of Labour and Social Protection on moving a day off in 2024 (April 2024)',
    },
    '2025': {
      holidays: [kurbanAit('2025-06-06', 'DUMK calendar for 2025')],
      transfers: [{ from: '2025-01-05', to: '2025-01-03' }],
      transferSource: 'Order of the Minister of Labour and Social Protection on moving a day off in 2025 (2024)',
    },
    '2026': {
      holidays: [kurbanAit('2026-05-27', 'DUMK calendar for 2026 (published 6 November 2025)')],
      transfers: [],
      transferSource: null,
      note: "The labour ministry's production calendar for 2026 (December 2025) has only the carried-over days off, no transfer",
    },
    '2027': {
      holidays: [
        kurbanAit(
          '2027-05-16',
          'UNVERIFIED estimate: 10 Dhu al-Hijjah 1448 by the astronomical calendar (354 days after 27 May 2026); DUMK may set 17 May',
        ),
      ],
      transfers: [],
      transferSource: null,
      note: 'Not verified: no transfer order for 2027 and no DUMK date for Kurban ait 2027 were found; none is assumed',
    },
  },
  verifiedYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026],
};

/** The one Kazakhstan calendar instance services share (it caches each year's days off). */
export const kazakhstanCalendar = new WorkingDayCalendar(KZ_WORKING_DAY_CALENDAR);
