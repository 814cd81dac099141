import { UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { RethrowRpcExceptionFilter } from './rethrow-rpc-exception.filter';

/**
 * Marks a consumer handler for one event type. Use it instead of a bare @EventPattern: the handler's own error
 * then reaches the dispatcher (retry, then the dead letters with the real reason) instead of Nest's generic one.
 */
export function ConsumeEvent(eventType: string): MethodDecorator {
  return (target, key, descriptor) => {
    UseFilters(RethrowRpcExceptionFilter)(target, key, descriptor);
    (EventPattern(eventType) as MethodDecorator)(target, key, descriptor);
  };
}
