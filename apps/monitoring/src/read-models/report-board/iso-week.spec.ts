import { ValidationFailedError } from '@app/domain-kernel';
import { isoWeekDays } from './iso-week';

describe('isoWeekDays', () => {
  it.each([
    ['2020-W12', '2020-03-16', '2020-03-22'],
    ['2020-W01', '2019-12-30', '2020-01-05'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
    ['2026-W48', '2026-11-23', '2026-11-29'],
  ])('%s runs from %s to %s', (week, monday, sunday) => {
    expect(isoWeekDays(week)).toEqual({ monday, sunday });
  });

  it.each(['2021-W53', '2020-W00', '2020-W54', '2020-12', 'W12'])('%s is refused naming week', (week) => {
    expect(() => isoWeekDays(week)).toThrow(ValidationFailedError);
  });
});
