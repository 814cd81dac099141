import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, TooManyRequestsError } from '@app/domain-kernel';
import { formatOfPath, OPEN311_CONTENT_TYPES } from './open311-format';
import { xmlDocument } from './open311-xml';

export interface Open311Error {
  code: number;
  description: string;
}

/** What a failure looks like to an Open311 client: a list of {code, description}, with the same HTTP status. */
export function open311Errors(exception: unknown): { status: number; errors: Open311Error[] } {
  if (exception instanceof DomainError) {
    const status = exception.httpStatus;
    const fields = exception.details.fields as { field: string; problems: string[] }[] | undefined;
    if (Array.isArray(fields) && fields.length > 0) {
      return { status, errors: fields.map((f) => ({ code: status, description: f.problems.join(', ') })) };
    }
    return { status, errors: [{ code: status, description: exception.message }] };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
    const messages = Array.isArray(message) ? message.map(String) : [String(message)];
    return { status, errors: messages.map((description) => ({ code: status, description })) };
  }
  return { status: 500, errors: [{ code: 500, description: 'Internal error; it was logged' }] };
}

/**
 * Every /open311 route answers errors in the GeoReport v2 format rather than the platform's, in the format the path
 * asked for: `[{code, description}]` for .json, `<errors><error><code>…</code><description>…</description></error>`
 * for .xml and for a path without an extension (answered in XML like its success).
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw exception;
    const { status, errors } = open311Errors(exception);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR)
      this.logger.error(exception instanceof Error ? exception : String(exception));
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof TooManyRequestsError) response.setHeader('Retry-After', exception.retryAfterSeconds);
    if (formatOfPath(http.getRequest<Request>().path) === 'json') response.status(status).json(errors);
    else response.status(status).type(OPEN311_CONTENT_TYPES.xml).send(xmlDocument('errors', errors));
  }
}
