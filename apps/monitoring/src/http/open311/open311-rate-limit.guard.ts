import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AnonymousRateLimit } from '../anonymous-rate-limit';

/**
 * Open311 clients file without a token, so every request they post draws on the same per-client allowance as an
 * anonymous POST /reports, before the body is validated.
 */
@Injectable()
export class Open311RateLimitGuard implements CanActivate {
  constructor(private readonly rateLimit: AnonymousRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    this.rateLimit.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    return true;
  }
}
