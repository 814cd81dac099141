// The errors live in @app/domain-kernel (domain code throws them); platform code and its barrel keep this path.
export {
  DomainError,
  ValidationFailedError,
  UnauthenticatedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  TooManyRequestsError,
} from '@app/domain-kernel';
