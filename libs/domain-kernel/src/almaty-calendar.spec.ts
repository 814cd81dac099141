import { almatyDate, almatyDayStart, almatyYear } from './almaty-calendar';

describe('Almaty business calendar', () => {
  it('puts a fine paid late on 31 December UTC into the next fiscal year when Almaty has already passed midnight', () => {
    expect(almatyDate(new Date('2025-12-31T20:00:00.000Z'))).toBe('2026-01-01');
    expect(almatyYear(new Date('2025-12-31T20:00:00.000Z'))).toBe(2026);
    expect(almatyYear(new Date('2025-12-31T18:00:00.000Z'))).toBe(2025);
  });

  it('reads instants as Asia/Almaty calendar days (UTC+6 until March 2024, UTC+5 since)', () => {
    expect(almatyDate(new Date('2020-03-31T18:30:00Z'))).toBe('2020-04-01');
    expect(almatyDate(new Date('2026-03-16T18:59:00Z'))).toBe('2026-03-16');
    expect(almatyDate(new Date('2026-03-16T19:00:00Z'))).toBe('2026-03-17');
  });

  it('starts an Almaty day at its local midnight, under either offset', () => {
    expect(almatyDayStart('2022-01-01').toISOString()).toBe('2021-12-31T18:00:00.000Z');
    expect(almatyDayStart('2025-01-01').toISOString()).toBe('2024-12-31T19:00:00.000Z');
  });
});
