import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Clock, TooManyRequestsError } from '@app/domain-kernel';
import { TokenBuckets, type RateAllowance } from '@app/platform';

/** The allowance of a client without a token (per address), and of a signed-in citizen (per account). */
export interface RateLimitConfig {
  anonymous: RateAllowance;
  citizen: RateAllowance;
}

export const RATE_LIMIT_CONFIG = Symbol('RATE_LIMIT_CONFIG');

/**
 * How many reports a caller may file, in memory: each instance limits on its own, which is enough to stop a script
 * flooding the club's agenda (a shared limiter would be the gateway's job). Anonymous callers are counted by the
 * client address express derives under TRUST_PROXY (behind the proxy, the one it saw, not the proxy's own); citizens
 * by their account, so a token is no way around the limit and a shared address never holds a signed-in citizen back.
 */
@Injectable()
export class ReportRateLimit {
  private readonly anonymous: TokenBuckets;
  private readonly citizens: TokenBuckets;

  constructor(@Inject(RATE_LIMIT_CONFIG) config: RateLimitConfig, clock: Clock) {
    const now = () => clock.now().getTime();
    this.anonymous = new TokenBuckets(config.anonymous, now);
    this.citizens = new TokenBuckets(config.citizen, now);
  }

  takeAnonymous(request: Request): void {
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.anonymous.take(client);
    if (wait > 0)
      throw new TooManyRequestsError(
        `Too many anonymous reports from ${client}; try again in ${wait} s or sign in`,
        wait,
      );
  }

  takeCitizen(citizenId: string): void {
    const wait = this.citizens.take(citizenId);
    if (wait > 0) throw new TooManyRequestsError(`Too many reports from this account; try again in ${wait} s`, wait);
  }
}
