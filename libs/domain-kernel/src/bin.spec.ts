import { isValidBin } from './bin';

describe('BIN check digit', () => {
  it('accepts a BIN whose 12th digit is the weighted sum mod 11', () => {
    expect(isValidBin('123456789013')).toBe(true);
    expect(isValidBin('140840012347')).toBe(true);
  });

  it('uses the second weights when the first sum leaves 10', () => {
    expect(isValidBin('100000000205')).toBe(true);
    expect(isValidBin('100000000200')).toBe(false);
  });

  it('refuses a BIN whose both sums leave 10, whatever its last digit', () => {
    for (let last = 0; last <= 9; last++) expect(isValidBin(`10000000028${last}`)).toBe(false);
  });

  it('refuses a wrong check digit, and anything not 12 digits', () => {
    expect(isValidBin('123456789012')).toBe(false);
    expect(isValidBin('12345678901')).toBe(false);
    expect(isValidBin('12345678901a')).toBe(false);
  });
});
