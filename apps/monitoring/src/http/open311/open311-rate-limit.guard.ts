import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ReportRateLimit } from '../report-rate-limit';

/**
 * Open311 clients file without a token, so every request they post draws on the same per-client allowance as an
 * anonymous POST /reports, before the body is validated.
 */
@Injectable()
export class Open311RateLimitGuard implements CanActivate {
  constructor(private readonly rateLimit: ReportRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    this.rateLimit.takeAnonymous(request);
    return true;
  }
}
