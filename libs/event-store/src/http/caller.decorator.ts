import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { documentsRequestHeader, type Principal } from '@app/platform';
import { parseIfMatch } from './version-headers';

/** Who sends a command on a stream, and the stream version they last read (If-Match), as @Caller() gives them. */
export interface Caller {
  actor: Principal;
  expectedVersion: number | undefined;
}

/**
 * The verified caller (as @CurrentPrincipal() gives it) and the stream version its If-Match header names (`"3"`):
 * undefined when absent, a 400 naming If-Match when it carries no version; the two every command route passes on.
 * The OpenAPI document lists the header for each route that takes it.
 */
export const Caller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const request = context.switchToHttp().getRequest<Request & { principal: Principal }>();
    return { expectedVersion: parseIfMatch(request.headers['if-match']), actor: request.principal };
  },
  [documentsRequestHeader('if-match')],
);
