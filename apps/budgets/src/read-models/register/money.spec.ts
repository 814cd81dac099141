import { executionPercent } from './money';

describe('money', () => {
  it('gives execution in percent with two decimals, and none when nothing was allocated', () => {
    expect(executionPercent(525_000, 1_800_000)).toBe(29.17);
    expect(executionPercent(1, 3)).toBe(33.33);
    expect(executionPercent(5, 0)).toBeNull();
  });
});
