import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@app/domain-kernel';
import { optionalArgument } from './open311-arguments';
import { OPEN311_CONFIG, type Open311Config } from './open311.config';

class JurisdictionNotServedError extends DomainError {
  readonly httpStatus = 404;
  constructor(given: string, served: string) {
    super('not_found', `jurisdiction_id ${given} was not found: this endpoint serves ${served} only`, {
      resource: 'Jurisdiction',
      id: given,
    });
  }
}

/**
 * jurisdiction_id on every call, in the query or (POST) the form: the spec lets an endpoint serving one
 * jurisdiction treat it as optional, so a call without it is served, one naming this deployment's jurisdiction
 * (OPEN311_JURISDICTION_ID, compared without case, as host names are) is served, and one naming another is the
 * spec's 404.
 */
@Injectable()
export class Open311JurisdictionGuard implements CanActivate {
  constructor(@Inject(OPEN311_CONFIG) private readonly config: Open311Config) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const given =
      optionalArgument(request.query as Record<string, unknown>, 'jurisdiction_id') ??
      optionalArgument(request.body as Record<string, unknown> | undefined, 'jurisdiction_id');
    if (given !== undefined && given.trim().toLowerCase() !== this.config.jurisdictionId)
      throw new JurisdictionNotServedError(given, this.config.jurisdictionId);
    return true;
  }
}
