import { UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { RethrowRpcExceptionFilter } from './rethrow-rpc-exception.filter';

export interface ConsumeEventOptions {
  /**
   * Handle each such message in a READ COMMITTED transaction of its own instead of in the run it arrived in (see
   * EventDispatchingServer.dispatchRun). Needed by an effect that waits on a lock and must then read what committed
   * while it waited: a run's REPEATABLE READ snapshot predates the wait.
   */
  ownTransaction?: boolean;
}

/**
 * Marks a consumer handler for one event type, or for several that one handler tells apart by the envelope's
 * eventType (the dispatcher finds a handler by it). Use it instead of a bare @EventPattern: the handler's own error
 * then reaches the dispatcher (retry, then the dead letters with the real reason) instead of Nest's generic one.
 */
export function ConsumeEvent(
  eventType: string | readonly string[],
  options: ConsumeEventOptions = {},
): MethodDecorator {
  return (target, key, descriptor) => {
    UseFilters(RethrowRpcExceptionFilter)(target, key, descriptor);
    // Nest registers the handler under each pattern of a list.
    (EventPattern([eventType].flat(), { ...options }) as MethodDecorator)(target, key, descriptor);
  };
}
