import { ConflictError, ValidationFailedError } from '@app/domain-kernel';

/** A step the aggregate's current state does not allow: 409 naming the state. */
export class IllegalBudgetStepError extends ConflictError {
  constructor(command: string, status: string) {
    super('illegal_transition', `${command} is not allowed while it is ${status}`, { status, command });
  }
}

export class InvalidBinError extends ValidationFailedError {
  constructor(field: string, bin: string) {
    super(field, `${field} ${bin} is not a valid BIN (12 digits with a matching check digit)`);
  }
}

/** Disclosure means "our programmes and contracts are published": there must be at least one programme that year. */
export class NoProgrammesForYearError extends ConflictError {
  constructor(bin: string, fiscalYear: number) {
    super('no_programmes', `Institution ${bin} has no programme for ${fiscalYear} to disclose`, { fiscalYear });
  }
}

export class AlreadyDisclosedError extends ConflictError {
  constructor(fiscalYear: number) {
    super('already_disclosed', `Fiscal year ${fiscalYear} is already declared fully disclosed`, { fiscalYear });
  }
}

/** Spending above the allocation: the error names what is left, so the official can correct the amount. */
export class AllocationExceededError extends ConflictError {
  constructor(amountTiyn: number, remainingTiyn: number) {
    super('allocation_exceeded', `Spending ${amountTiyn} tiyn exceeds the allocation; ${remainingTiyn} tiyn remain`, {
      amountTiyn,
      remainingTiyn,
    });
  }
}

export class AllocationBelowSpendingError extends ValidationFailedError {
  constructor(newAllocationTiyn: number, spentTiyn: number) {
    super('newAllocationTiyn', `newAllocationTiyn ${newAllocationTiyn} is below the ${spentTiyn} tiyn already spent`, {
      spentTiyn,
    });
  }
}

/** Expenditures go to spending programmes, revenue to revenue lines. */
export class WrongDirectionError extends ConflictError {
  constructor(command: string, direction: string) {
    super('wrong_direction', `${command} does not apply to a ${direction} programme`, { direction });
  }
}

export class FlagNotOpenError extends ConflictError {
  constructor(reportId: string) {
    super('flag_not_open', `The programme has no open flag for report ${reportId}`, { reportId });
  }
}

export class ContractAmountExceededError extends ConflictError {
  constructor(amountTiyn: number, remainingTiyn: number) {
    super(
      'contract_amount_exceeded',
      `Paying ${amountTiyn} tiyn exceeds the contract amount; ${remainingTiyn} tiyn remain`,
      { amountTiyn, remainingTiyn },
    );
  }
}

export class InvalidRoadSegmentError extends ValidationFailedError {
  constructor() {
    super('roadSegment.toKm', 'roadSegment.toKm must not be before roadSegment.fromKm');
  }
}
