import { formatTiyn, parseTenge } from './money';

const n = (text: string) => text.replace(/ /g, '\u00a0');

describe('formatTiyn', () => {
  it('writes integer tiyn as tenge exact to the tiyn, grouped by no-break spaces with a decimal comma', () => {
    expect(formatTiyn(123456)).toBe(n('1 234,56 ₸'));
    expect(formatTiyn(0)).toBe(n('0,00 ₸'));
    expect(formatTiyn(5)).toBe(n('0,05 ₸'));
    expect(formatTiyn(100)).toBe(n('1,00 ₸'));
    expect(formatTiyn(500_000_000)).toBe(n('5 000 000,00 ₸'));
    expect(formatTiyn(-4_800_099)).toBe(n('-48 000,99 ₸'));
  });

  it('stays exact beyond what a float holds to the tiyn', () => {
    expect(formatTiyn(Number.MAX_SAFE_INTEGER)).toBe(n('90 071 992 547 409,91 ₸'));
    expect(formatTiyn(123456789012345678901n)).toBe(n('1 234 567 890 123 456 789,01 ₸'));
  });
});

describe('parseTenge', () => {
  it('reads tenge as typed into integer tiyn', () => {
    expect(parseTenge('60 000')).toBe(6_000_000);
    expect(parseTenge('1 234,56')).toBe(123_456);
    expect(parseTenge('1234.5')).toBe(123_450);
    expect(parseTenge('0,07')).toBe(7);
    expect(parseTenge(n('48 000,00 ₸'))).toBe(4_800_000);
    // 0.29 * 100 is 28.999999999999996 in floating point; the tiyn are read as digits.
    expect(parseTenge('0.29')).toBe(29);
  });

  it('refuses what it would have to guess', () => {
    for (const text of ['', '-5', '1,234,56', '12.345', 'ten', '1e5', '5 ₸ 5'])
      expect({ text, tiyn: parseTenge(text) }).toEqual({ text, tiyn: null });
    expect(parseTenge('99999999999999999')).toBeNull();
  });
});
