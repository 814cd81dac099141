import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/platform';

/** Reports a client without a token may file in a burst, and how fast the allowance refills (per minute). */
export interface RateLimitConfig {
  burst: number;
  perMinute: number;
}

export const RATE_LIMIT_CONFIG = Symbol('RATE_LIMIT_CONFIG');

/**
 * A token bucket per client IP for anonymous reports, in memory: each instance limits on its own, which is enough
 * to stop a script flooding the club's agenda (a shared limiter would be the gateway's job).
 */
@Injectable()
export class AnonymousRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    private readonly clock: Clock,
  ) {}

  take(client: string): void {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(client) ?? { tokens: this.config.burst, at: now };
    const tokens = Math.min(this.config.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.config.perMinute);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: now });
      throw new HttpException(
        `Too many anonymous reports from ${client}; try again later or sign in`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 100_000) this.buckets.clear(); // a bounded memory beats a perfect memory
  }
}
