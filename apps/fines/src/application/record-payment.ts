import { Injectable } from '@nestjs/common';
import { AggregateCommands, type CommandResult } from '@app/event-store';
import type { Principal } from '@app/platform';
import { Clock, almatyDate } from '@app/domain-kernel';
import { amountDueTiyn } from '../domain/fine.decider';
import type { FineState } from '../domain/fine.state';
import { fineAggregate } from './fine.aggregate';
import { PaymentReferences } from './payment-references';

/**
 * POST /fines/{id}/payments. A rule over every fine: a payment reference is booked once across all fines (the same
 * fine again is a retry, booked once).
 */
@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly references: PaymentReferences,
    private readonly clock: Clock,
  ) {}

  /** Books a payment, made when the channel says (paidAt) or now; with the balance still due on the day it was made. */
  async execute(
    fineId: string,
    payment: { paymentId: string; amountTiyn: number; paidAt?: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    const reportedAt = this.clock.now();
    const at = payment.paidAt ? new Date(payment.paidAt) : reportedAt;
    const data = { ...payment, reportedAt: reportedAt.toISOString() };
    await this.references.requireFreeFor(payment.paymentId, fineId);
    let result: CommandResult<FineState>;
    try {
      result = await this.commands.execute(fineAggregate, fineId, 'RecordPayment', data, actor, {
        expectedVersion,
        at,
      });
    } catch (error) {
      return this.references.translateRace(error, payment.paymentId);
    }
    const balanceTiyn = result.state.status === 'paid' ? 0 : amountDueTiyn(result.state, almatyDate(at)).dueTiyn;
    return { result, balanceTiyn };
  }
}
