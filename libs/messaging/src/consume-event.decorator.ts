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
 * Marks a consumer handler for one event type. Use it instead of a bare @EventPattern: the handler's own error
 * then reaches the dispatcher (retry, then the dead letters with the real reason) instead of Nest's generic one.
 */
export function ConsumeEvent(eventType: string, options: ConsumeEventOptions = {}): MethodDecorator {
  return (target, key, descriptor) => {
    UseFilters(RethrowRpcExceptionFilter)(target, key, descriptor);
    (EventPattern(eventType, { ...options }) as MethodDecorator)(target, key, descriptor);
  };
}
