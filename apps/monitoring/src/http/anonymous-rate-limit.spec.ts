import { HttpException } from '@nestjs/common';
import { Clock } from '@app/platform';
import { AnonymousRateLimit } from './anonymous-rate-limit';

class MovableClock extends Clock {
  at = new Date('2020-03-16T05:00:00.000Z');
  now() {
    return this.at;
  }
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const refused = (take: () => void) => {
  try {
    take();
  } catch (error) {
    return error instanceof HttpException ? error.getStatus() : error;
  }
  return 'allowed';
};

describe('AnonymousRateLimit (a token bucket per client)', () => {
  it('allows a burst, then answers 429 until the allowance refills', () => {
    const clock = new MovableClock();
    const limit = new AnonymousRateLimit({ burst: 2, perMinute: 1 }, clock);
    expect(refused(() => limit.take('10.0.0.1'))).toBe('allowed');
    expect(refused(() => limit.take('10.0.0.1'))).toBe('allowed');
    expect(refused(() => limit.take('10.0.0.1'))).toBe(429);
    clock.advance(30_000);
    expect(refused(() => limit.take('10.0.0.1'))).toBe(429);
    clock.advance(30_000);
    expect(refused(() => limit.take('10.0.0.1'))).toBe('allowed');
  });

  it('counts each client on its own, and never refills beyond the burst', () => {
    const clock = new MovableClock();
    const limit = new AnonymousRateLimit({ burst: 1, perMinute: 60 }, clock);
    expect(refused(() => limit.take('10.0.0.1'))).toBe('allowed');
    expect(refused(() => limit.take('10.0.0.2'))).toBe('allowed');
    clock.advance(3_600_000);
    expect(refused(() => limit.take('10.0.0.1'))).toBe('allowed');
    expect(refused(() => limit.take('10.0.0.1'))).toBe(429);
  });
});
