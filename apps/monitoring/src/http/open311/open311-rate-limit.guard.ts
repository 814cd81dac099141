import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ReportRateLimit } from '../report-rate-limit';
import { Open311Clients } from './open311-clients';
import { optionalArgument } from './open311-arguments';

/** A request a registered client posted, once its api_key is checked: the client's name. */
export type Open311Request = Request & { open311Client?: string };

/**
 * Who posts, before the body is validated. A registered client's api_key (in the form, as the spec sends it, or the
 * query) names it, and it files under its own allowance; a key no client holds is a 403. Without a key (or with an
 * empty one, which the spec counts as none) the post is the anonymous citizen's report it always was, drawing on
 * the same per-client allowance as an anonymous POST /reports.
 */
@Injectable()
export class Open311RateLimitGuard implements CanActivate {
  constructor(
    private readonly rateLimit: ReportRateLimit,
    private readonly clients: Open311Clients,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Open311Request>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const apiKey =
      optionalArgument(body, 'api_key') ?? optionalArgument(request.query as Record<string, unknown>, 'api_key');
    if (apiKey === undefined) {
      this.rateLimit.takeAnonymous(request);
      return true;
    }
    const client = this.clients.identify(apiKey);
    this.clients.take(client);
    request.open311Client = client;
    return true;
  }
}
