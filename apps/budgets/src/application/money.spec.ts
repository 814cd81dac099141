import { executionPercent, tenge, withMoney } from './money';

describe('money', () => {
  it('writes tiyn as tenge with two decimals, exactly', () => {
    expect(tenge(0)).toBe('0.00');
    expect(tenge(5)).toBe('0.05');
    expect(tenge(999_999)).toBe('9999.99');
    expect(tenge(900_719_925_474_099)).toBe('9007199254740.99');
    expect(tenge(-150)).toBe('-1.50');
  });

  it('gives execution in percent with two decimals, and none when nothing was allocated', () => {
    expect(executionPercent(525_000, 1_800_000)).toBe(29.17);
    expect(executionPercent(1, 3)).toBe(33.33);
    expect(executionPercent(5, 0)).toBeNull();
  });

  it('turns bigint text columns named *Tiyn into integers', () => {
    expect(withMoney({ spentTiyn: '12', code: '451', paidTiyn: null })).toEqual({
      spentTiyn: 12,
      code: '451',
      paidTiyn: null,
    });
  });
});
