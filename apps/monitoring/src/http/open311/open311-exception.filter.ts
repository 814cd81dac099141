import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, TooManyRequestsError } from '@app/domain-kernel';

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

/** Every /open311 route answers errors in the GeoReport v2 format rather than the platform's. */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw exception;
    const { status, errors } = open311Errors(exception);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR)
      this.logger.error(exception instanceof Error ? exception : String(exception));
    const response = host.switchToHttp().getResponse<Response>();
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (exception instanceof TooManyRequestsError) response.setHeader('Retry-After', exception.retryAfterSeconds);
    response.status(status).json(errors);
  }
}
