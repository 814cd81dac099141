import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FinePaidV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { BudgetIntake } from '../application/budget-intake';

/** Every fine payment is revenue of the district's local budget. */
@Controller()
export class FinesEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: BudgetIntake,
  ) {}

  @ConsumeEvent('FinePaid')
  async onFinePaid(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const fine = validateContract(FinePaidV1, envelope.payload);
    await this.inbox.once('budgets.fines', envelope, (manager) => this.intake.finePaid(fine, envelope.actor, manager));
  }
}
