import { almatyDate, almatyYear } from './almaty-calendar';

describe('Almaty business calendar', () => {
  it('puts a fine paid late on 31 December UTC into the next fiscal year when Almaty has already passed midnight', () => {
    expect(almatyDate(new Date('2025-12-31T20:00:00.000Z'))).toBe('2026-01-01');
    expect(almatyYear(new Date('2025-12-31T20:00:00.000Z'))).toBe(2026);
    expect(almatyYear(new Date('2025-12-31T18:00:00.000Z'))).toBe(2025);
  });
});
