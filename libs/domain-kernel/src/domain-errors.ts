/**
 * Errors that domain and application code throw; the one HTTP mapping lives in DomainExceptionFilter.
 * `code` is stable for clients; `details` carries what the caller needs to act (field, current status, versions).
 */
export abstract class DomainError extends Error {
  abstract readonly httpStatus: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429;

  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  readonly httpStatus = 400;
  constructor(
    readonly field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super('validation_failed', message, { field, ...details });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly httpStatus = 401;
  /** `reason` (details) tells a client which check the token failed: expired, wrong_audience, ... */
  constructor(message = 'A valid bearer token is required', details: Record<string, unknown> = {}) {
    super('unauthenticated', message, details);
  }
}

export class ForbiddenError extends DomainError {
  readonly httpStatus = 403;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', message, details);
  }
}

export class NotFoundError extends DomainError {
  readonly httpStatus = 404;
  constructor(resource: string, id: string) {
    super('not_found', `${resource} ${id} was not found`, { resource, id });
  }
}

/** An illegal step for the current state, or a stale version: the caller must re-read and decide again. */
export class ConflictError extends DomainError {
  readonly httpStatus = 409;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A caller past its allowance: Retry-After (set by the filters from retryAfterSeconds) says when to try again. */
export class TooManyRequestsError extends DomainError {
  readonly httpStatus = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', message, { retryAfterSeconds });
  }
}

/**
 * The one existence check: what the caller named (a read-model row, a stream's version) must be there, else a 404
 * naming it. Null, undefined and a version of 0 (a stream with no events) are "not there".
 */
export function mustExist<T>(found: T | null | undefined, resource: string, id: string): Exclude<T, null | undefined> {
  if (found === null || found === undefined || (found as unknown) === 0) throw new NotFoundError(resource, id);
  return found as Exclude<T, null | undefined>;
}
