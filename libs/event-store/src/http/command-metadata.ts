import { requestContext, type Principal } from '@app/platform';
import type { CommandMetadata } from '@app/domain-kernel';

/**
 * The role a principal acts in: the one that authorised the call (AuthGuard sets it from the route's @Roles); a
 * principal with a single role acts in it. A principal with several and none chosen is a bug in the route, not a
 * guess to record in the audit trail.
 */
function actingRole(principal: Principal): string | undefined {
  return principal.actingRole ?? (principal.roles.length === 1 ? principal.roles[0] : undefined);
}

/**
 * Metadata for a command from the current request or message: the actor from the verified token, the
 * correlation id of the thread (from the caller or the incoming event), the causing event, and the clock.
 */
export function commandMetadata(
  actor: Principal | { id: string; role: string },
  now: Date = new Date(),
): CommandMetadata {
  const ctx = requestContext.current();
  if (!ctx) throw new Error('commandMetadata called outside a request or message context');
  const id = 'sub' in actor ? actor.sub : actor.id;
  const role = 'sub' in actor ? actingRole(actor) : actor.role;
  if (!role) throw new Error('commandMetadata: the actor has no role, or several and none that authorised the call');
  return {
    now,
    actor: { id, role },
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    requestId: ctx.requestId,
    ...(ctx.via ? { via: ctx.via } : {}),
  };
}
