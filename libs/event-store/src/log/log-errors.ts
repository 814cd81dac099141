import { DomainError } from '@app/domain-kernel';

/**
 * Asked about a tree the log cannot prove things about (no checkpoint yet, a size beyond it). Takes DomainError's own
 * (code, message, details), so it needs no constructor of its own.
 */
export class LogNotThereYetError extends DomainError {
  readonly httpStatus = 404;
}

/** A cosignature that does not verify against the checkpoint it names. */
export class CosignatureRefusedError extends DomainError {
  readonly httpStatus = 422;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('cosignature_refused', message, details);
  }
}
