import { DomainError } from '@app/domain-kernel';

/** Asked about a tree the log cannot prove things about (no checkpoint yet, a size beyond it). */
export class LogNotThereYetError extends DomainError {
  readonly httpStatus = 404;
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** A cosignature that does not verify against the checkpoint it names. */
export class CosignatureRefusedError extends DomainError {
  readonly httpStatus = 422;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('cosignature_refused', message, details);
  }
}
