import { formatNumber } from './numbers';

const NBSP = '\u00a0';

describe('numbers as each language writes them', () => {
  it('groups by a space with a decimal comma in Kazakh and Russian, by a comma with a point in English', () => {
    expect(formatNumber(1234567.5, 'kk')).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(formatNumber(1234567.5, 'ru')).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it('rounds to the decimals asked and keeps the ones a column needs', () => {
    expect(formatNumber(2 / 3, 'en')).toBe('0.67');
    expect(formatNumber(3, 'en')).toBe('3');
    expect(formatNumber(1.5, 'kk', 2, 2)).toBe('1,50');
    expect(formatNumber(0, 'ru', 2, 2)).toBe('0,00');
    expect(formatNumber(0.333, 'en', 2, 2)).toBe('0.33');
  });

  it('signs a negative number, and never a zero', () => {
    expect(formatNumber(-1234, 'en')).toBe('-1,234');
    expect(formatNumber(-0.001, 'en')).toBe('0');
  });
});
