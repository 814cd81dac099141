import { integerLiteral, textLiteral, uuidLiteral } from './sql-literals';

describe('SQL literals', () => {
  it('quotes text, doubling quotes and marking backslashes', () => {
    expect(textLiteral("road's edge")).toBe("'road''s edge'");
    expect(textLiteral('a\\b')).toBe(" E'a\\\\b'");
  });

  it('passes a uuid through and refuses anything else', () => {
    expect(uuidLiteral('0b6c2a6e-8f0e-4c1d-9a53-6b1f2f7c9d10')).toBe("'0b6c2a6e-8f0e-4c1d-9a53-6b1f2f7c9d10'");
    expect(() => uuidLiteral("0b6c2a6e-8f0e-4c1d-9a53-6b1f2f7c9d10'; DROP TABLE inbox; --")).toThrow(/not a uuid/);
  });

  it('takes safe integers only', () => {
    expect(integerLiteral(42)).toBe('42');
    for (const bad of [1.5, Number.NaN, 2 ** 53]) expect(() => integerLiteral(bad)).toThrow(/not an integer/);
  });
});
