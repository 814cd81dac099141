import { isRfc3339DateTime } from './rfc3339.validator';

describe('isRfc3339DateTime', () => {
  it.each([
    '2020-03-01T12:00:00Z',
    '2020-03-01T12:00:00+05:00',
    '2020-03-01t12:00:00.123456z',
    '2020-02-29T00:00:00-01:00',
  ])('takes %s', (v) => {
    expect(isRfc3339DateTime(v)).toBe(true);
  });
  it.each([
    '2020-W01-1',
    '2020-061',
    '2020-03-01',
    '2020-03-01T12:00:00',
    '2020-02-30T00:00:00Z',
    '2021-02-29T00:00:00Z',
    '2020-03-01T24:00:00Z',
    '2020-13-01T00:00:00Z',
    '20200301T120000Z',
    3,
  ])('refuses %s', (v) => expect(isRfc3339DateTime(v)).toBe(false));
});
