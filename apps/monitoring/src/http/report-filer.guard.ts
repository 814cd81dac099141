import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ForbiddenError } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import { ReportRateLimit } from './report-rate-limit';

/**
 * Who may file a report, before the body is even read: a citizen with a token, or anyone without one within the
 * per-client allowance, each citizen within theirs (so a flood costs no validation work either). Runs after the global AuthGuard of the @Public route.
 */
@Injectable()
export class ReportFilerGuard implements CanActivate {
  constructor(private readonly rateLimit: ReportRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const actor = request.principal;
    if (actor && !actor.roles.includes('citizen'))
      throw new ForbiddenError('Reports are filed by citizens', { requiredRoles: ['citizen'] });
    // A public route has no @Roles for AuthGuard to choose from: the report is filed as the citizen, whatever else the token holds.
    if (actor) {
      actor.actingRole = 'citizen';
      this.rateLimit.takeCitizen(actor.sub);
    } else this.rateLimit.takeAnonymous(request);
    return true;
  }
}
