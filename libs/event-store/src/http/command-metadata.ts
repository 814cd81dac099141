import { requestContext, type Principal } from '@app/platform';
import type { CommandMetadata } from '../decider';

/**
 * Metadata for a command from the current request or message: the actor from the verified token, the
 * correlation id of the thread (from the caller or the incoming event), the causing event, and the clock.
 */
export function commandMetadata(actor: Principal | { id: string; role: string }, now: Date = new Date()): CommandMetadata {
  const ctx = requestContext.current();
  if (!ctx) throw new Error('commandMetadata called outside a request or message context');
  const resolved = 'sub' in actor ? { id: actor.sub, role: actor.roles[0] } : actor;
  if (!resolved.role) throw new Error('commandMetadata: the actor has no role');
  return {
    now, actor: resolved, correlationId: ctx.correlationId, causationId: ctx.causationId, requestId: ctx.requestId,
    ...(ctx.via ? { via: ctx.via } : {}),
  };
}
