import { TokenBuckets } from './token-buckets';

describe('TokenBuckets (a token bucket per caller, least recently seen forgotten first)', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = Date.parse('2020-03-16T05:00:00.000Z')));

  it('allows a burst, then says how many seconds until the allowance refills', () => {
    const buckets = new TokenBuckets({ burst: 2, perMinute: 1 }, clock);
    expect(buckets.take('10.0.0.1')).toBe(0);
    expect(buckets.take('10.0.0.1')).toBe(0);
    expect(buckets.take('10.0.0.1')).toBe(60);
    now += 30_000;
    expect(buckets.take('10.0.0.1')).toBe(30);
    now += 30_000;
    expect(buckets.take('10.0.0.1')).toBe(0);
  });

  it('counts each caller on its own, and never refills beyond the burst', () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 60 }, clock);
    expect(buckets.take('10.0.0.1')).toBe(0);
    expect(buckets.take('10.0.0.2')).toBe(0);
    now += 3_600_000;
    expect(buckets.take('10.0.0.1')).toBe(0);
    expect(buckets.take('10.0.0.1')).toBe(1);
  });

  it('past its capacity forgets the least recently seen caller only, so a held-back caller stays held back', () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, clock, 3);
    expect(buckets.take('flooder')).toBe(0);
    expect(buckets.take('flooder')).toBeGreaterThan(0);
    for (const fresh of ['a', 'b', 'c', 'd']) {
      expect(buckets.take(fresh)).toBe(0);
      // The flooder keeps trying, so it is always among the recently seen.
      expect(buckets.take('flooder')).toBeGreaterThan(0);
    }
    expect(buckets.size).toBe(3);
    // 'a' was forgotten long ago and starts again with a full burst.
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('flooder')).toBeGreaterThan(0);
  });
});
