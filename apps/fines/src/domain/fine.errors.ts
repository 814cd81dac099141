import { ConflictError, ValidationFailedError } from '@app/domain-kernel';
import type { FineStatus } from './fine.types';

/** A step the fine's current status does not allow: 409 naming the status. */
export class IllegalFineTransitionError extends ConflictError {
  constructor(command: string, status: FineStatus) {
    super('illegal_transition', `${command} is not allowed while the fine is ${status}`, { status, command });
  }
}

/** A payment above what is due now: 400 naming amountTiyn, with the amount due. */
export class OverpaymentError extends ValidationFailedError {
  constructor(amountTiyn: number, amountDueTiyn: number) {
    super('amountTiyn', `amountTiyn ${amountTiyn} is more than the ${amountDueTiyn} tiyn due`, { amountDueTiyn });
  }
}

export class NoMciOnDateError extends ValidationFailedError {
  constructor(committedAt: string) {
    super('committedAt', `No MCI is known for the offence date ${committedAt} (the table starts 2020-01-01)`);
  }
}

export class OffenceInFutureError extends ValidationFailedError {
  constructor(committedAt: string) {
    super('committedAt', `committedAt ${committedAt} is in the future`);
  }
}

/** An official's fine names its offender: an IIN for a person, a BIN for a business (400 naming the field). */
export class OffenderIdentityRequiredError extends ValidationFailedError {
  constructor(field: 'offender.iin' | 'offender.bin', category: string) {
    super(field, `${field} is required for an offender of category ${category}`);
  }
}

/** A payment dated after the channel reported it. */
export class PaidInFutureError extends ValidationFailedError {
  constructor(paidAt: string) {
    super('paidAt', `paidAt ${paidAt} is in the future`);
  }
}

export class BadReducedAmountError extends ValidationFailedError {
  constructor(message: string) {
    super('newAmountTiyn', message);
  }
}

/** A fine is appealed once; the decision on it is final here. */
export class AlreadyAppealedError extends ConflictError {
  constructor() {
    super('already_appealed', 'The fine was appealed already');
  }
}
