import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { type Principal } from '@app/platform';
import type { Actor } from '@app/domain-kernel';
import { contractAggregate } from './contract.aggregate';
import { recordSpending } from './record-expenditure';

/** POST /contracts/{id}/payments: a payment is the programme's expenditure too, both streams in one transaction or neither. */
@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly dataSource: DataSource,
  ) {}

  execute(
    contractId: string,
    paymentId: string,
    body: { amountTiyn: number; paidOn: string; description: string },
    actor: Principal | Actor,
    expectedVersion?: number,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const data = { paymentId, ...body };
      const paid = await this.commands.execute(contractAggregate, contractId, 'RecordPayment', data, actor, {
        expectedVersion,
        manager,
      });
      const spending = { ...body, date: body.paidOn, contractId, caseId: null };
      await recordSpending(this.commands, paid.state.programmeId, paymentId, spending, actor, { manager });
      return paid;
    });
  }
}
