import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '@app/domain-kernel';
import { requestContext } from '../logging/request-context';
import { disownCallerCorrelation } from '../logging/request-context.middleware';
import { JwtVerifier } from './jwt-verifier';
import { Principal, Role } from './roles';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** The verified principal, also in the request's context (what a read deep in a library masks personal data for). */
function remembered(principal: Principal): Principal {
  const context = requestContext.current();
  if (context) context.principal = principal;
  return principal;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Global guard, deny by default: a route opens only through @Public() or to the roles of @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka messages are trusted by the broker's ACLs, not by bearer tokens.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = this.bearer(request);
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    if (isPublic) {
      // A public route may still show more to a caller who proves who they are.
      if (token) request.principal = remembered(await this.verifier.verify(token));
      else disownCallerCorrelation(context.switchToHttp().getResponse<Response>());
      return true;
    }
    if (!token) throw new UnauthenticatedError();
    const principal = remembered(await this.verifier.verify(token));
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed || allowed.length === 0) {
      throw new ForbiddenError('This route declares no roles, so nobody may call it');
    }
    // The route's order decides for a caller holding several of its roles, so the token's order never does.
    const actingRole = allowed.find((role) => principal.roles.includes(role));
    if (!actingRole) {
      throw new ForbiddenError(`Requires one of the roles: ${allowed.join(', ')}`, { requiredRoles: allowed });
    }
    principal.actingRole = actingRole;
    return true;
  }

  private bearer(request: Request): string | undefined {
    const header = request.headers.authorization;
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
    return match[1];
  }
}
