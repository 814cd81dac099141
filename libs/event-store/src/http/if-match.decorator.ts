import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { documentsRequestHeader } from '@app/platform';
import { parseIfMatch } from './version-headers';

/**
 * The stream version a command's caller last read, from its If-Match header (`"3"`): undefined when absent, a 400
 * naming If-Match when it carries no version. The OpenAPI document lists the header for each route that takes it.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | undefined =>
    parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
  [documentsRequestHeader('if-match')],
);
