import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { PUBLIC_KEY } from '../auth/roles.decorator';
import { SERVICE_CONFIG } from '../bootstrap/service-definition';
import type { ServiceConfig } from '../config/service-config';
import { TooManyRequestsError } from '@app/domain-kernel';
import { TokenBuckets, type RateAllowance } from './token-buckets';

/** Generous enough for a person paging through the register, a floor under a script that mirrors it in a loop. */
export const PUBLIC_RATE_LIMIT: RateAllowance = { burst: 120, perMinute: 60 };

const UNMETERED_KEY = 'integrity-square:unmetered';

/**
 * Keeps a public route out of the coarse limit: probes and scrapes come from the platform's own machinery, and a
 * liveness probe answered 429 would have a healthy pod restarted.
 */
export const Unmetered = () => SetMetadata(UNMETERED_KEY, true);

const METERED_METHODS = new Set(['GET', 'HEAD']);

/**
 * Global guard, after AuthGuard: an anonymous GET of a @Public() route takes a token from its client's bucket (the
 * address express derives under TRUST_PROXY), per process like the report limits. A signed-in caller has an account
 * that answers for it, so it is never held back here; writes carry limits of their own where they are open.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.buckets = new TokenBuckets(config.publicRateLimit ?? PUBLIC_RATE_LIMIT, () => Date.now());
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.principal || !METERED_METHODS.has(request.method)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(UNMETERED_KEY, targets)) return true;
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const wait = this.buckets.take(client);
    if (wait > 0) {
      throw new TooManyRequestsError(
        `Too many anonymous requests from ${client}; try again in ${wait} s or sign in`,
        wait,
      );
    }
    return true;
  }
}
