import { Injectable } from '@nestjs/common';
import { ConflictError } from '@app/domain-kernel';
import { uniqueViolation } from '@app/platform';
import { finePaymentsProjection } from '../read-models/fine-payments/fine-payments.projection';
import { FinePayments } from '../read-models/fine-payments/fine-payments.queries';

/** Refused: the payment reference is one payment, and it is booked on another fine already. */
export class PaymentReferenceTakenError extends ConflictError {
  constructor(paymentId: string, heldBy: string) {
    super('payment_reference_taken', `payment reference ${paymentId} is already booked on fine ${heldBy}`, {
      paymentId,
      fineId: heldBy,
    });
  }
}

/** Who holds a payment reference (the fine_payments register), and the rule that one reference is booked once. */
@Injectable()
export class PaymentReferences {
  constructor(private readonly payments: FinePayments) {}

  /** Before booking on `fineId`: refused when another fine holds the reference (the same fine again is a retry). */
  async requireFreeFor(paymentId: string, fineId: string): Promise<void> {
    const heldBy = await this.payments.holder(paymentId);
    if (heldBy !== undefined && heldBy !== fineId) throw new PaymentReferenceTakenError(paymentId, heldBy);
  }

  /**
   * A booking that lost a race to the same reference on another fine surfaces as a unique violation of the register
   * (told by its table: a rebuilt register keeps its name, not its index's).
   */
  async translateRace(error: unknown, paymentId: string): Promise<never> {
    if (uniqueViolation(error)?.table === finePaymentsProjection.table) {
      throw new PaymentReferenceTakenError(paymentId, (await this.payments.holder(paymentId)) ?? 'another fine');
    }
    throw error;
  }
}
