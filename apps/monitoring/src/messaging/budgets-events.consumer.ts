import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ProgrammeFlagResolvedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { BudgetsIntake } from '../application/budgets-intake';

/** Budgets' events, each taken once and handed to the budgets intake, which says what it means for reports. */
@Controller()
export class BudgetsEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: BudgetsIntake,
  ) {}

  @ConsumeEvent('ProgrammeFlagResolved')
  async onProgrammeFlagResolved(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const resolved = validateContract(ProgrammeFlagResolvedV1, envelope.payload);
    await this.inbox.once('monitoring.budgets', envelope, (manager) =>
      this.intake.programmeFlagResolved(resolved, envelope.actor, manager),
    );
  }
}
