import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  type LoggerService,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { undecodableParameter } from '../http/undecodable-parameter';
import { DomainError, TooManyRequestsError } from '@app/domain-kernel';

/** The single mapping from errors to HTTP responses; anything unexpected is a logged 500 without internals. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      if (exception.httpStatus === 401) response.setHeader('WWW-Authenticate', 'Bearer');
      if (exception instanceof TooManyRequestsError) response.setHeader('Retry-After', exception.retryAfterSeconds);
      response.status(exception.httpStatus).json({
        statusCode: exception.httpStatus,
        error: exception.code,
        message: exception.message,
        ...exception.details,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      const field =
        status === 400 ? refusedPart(exception.cause, host.switchToHttp().getRequest<Request>()) : undefined;
      response.status(status).json({
        statusCode: status,
        error: HttpStatus[status]?.toLowerCase() ?? 'error',
        message: Array.isArray(message) ? message.join('; ') : message,
        ...(field && { field }),
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception : String(exception), 'DomainExceptionFilter');
    response.status(500).json({ statusCode: 500, error: 'internal_error', message: 'Internal error; it was logged' });
  }
}

/**
 * What Express refused before any pipe saw the request, named as validation names a field: the body body-parser could
 * not read (malformed JSON, a bad encoding), or the path parameter it could not percent-decode.
 */
function refusedPart(cause: unknown, request: Request): string | undefined {
  if (cause instanceof URIError) return undecodableParameter(request) ?? 'path';
  const type = (cause as { type?: unknown } | undefined)?.type;
  if (cause instanceof SyntaxError || (typeof type === 'string' && /^(entity|encoding|charset|request)\./.test(type)))
    return 'body';
  return undefined;
}
