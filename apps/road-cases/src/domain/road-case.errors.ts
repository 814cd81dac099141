import { ConflictError, ForbiddenError, ValidationFailedError } from '@app/domain-kernel';
import type { CaseStatus } from './road-case.types';

/** A step the case's current status does not allow: 409 naming the status. */
export class IllegalCaseTransitionError extends ConflictError {
  constructor(command: string, status: CaseStatus) {
    super('illegal_transition', `${command} is not allowed while the case is ${status}`, { status, command });
  }
}

/** Only the assigned contractor may report its repair. */
export class NotTheAssignedContractorError extends ForbiddenError {
  constructor(bin: string) {
    super(`Contractor ${bin} is not assigned to this case`, { contractorBin: bin });
  }
}

/** Under warranty, the repair falls to the contract's own contractor. */
export class WarrantyContractorMismatchError extends ValidationFailedError {
  constructor(contractorBin: string, warrantyContractorBin: string) {
    super(
      'contractorBin',
      `The case is under warranty of contract's contractor ${warrantyContractorBin}, not ${contractorBin}`,
      {
        warrantyContractorBin,
      },
    );
  }
}

export class DueDateInPastError extends ValidationFailedError {
  constructor(dueAt: string) {
    super('dueAt', `dueAt ${dueAt} is in the past`);
  }
}
