import { ValidationFailedError } from '@app/domain-kernel';

/** 2020-W12 → its Monday and Sunday as dates (YYYY-MM-DD); the club meets in Almaty, dates carry no zone. */
export function isoWeekDays(week: string): { monday: string; sunday: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  // 4 January is always in week 1; week 53 exists only in years whose 28 December falls in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  const monday = new Date(week1Monday + (number - 1) * 7 * 86_400_000);
  const dec28 = new Date(Date.UTC(year, 11, 28));
  const lastWeek = Math.floor((dec28.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  if (!match || number < 1 || number > lastWeek)
    throw new ValidationFailedError('week', 'week must be an ISO week of the year such as 2020-W12');
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { monday: day(monday), sunday: day(new Date(monday.getTime() + 6 * 86_400_000)) };
}
