import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RepairAcceptedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { almatyDate } from '@app/domain-kernel';
import { BudgetIntake } from '../application/budget-intake';

/** Accepted repairs from road-cases: outside warranty the contract's programme pays, under warranty the contractor owes it. */
@Controller()
export class RoadCasesEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: BudgetIntake,
  ) {}

  @ConsumeEvent('RepairAccepted')
  async onRepairAccepted(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const repair = validateContract(RepairAcceptedV1, envelope.payload);
    const acceptedAt = new Date(envelope.occurredAt);
    await this.inbox.once('budgets.road-cases', envelope, (manager) =>
      this.intake.repairAccepted(
        {
          caseId: envelope.streamId,
          contractId: repair.contractId,
          underWarranty: repair.underWarranty,
          costTiyn: repair.actualCostTiyn,
          acceptedAt: acceptedAt.toISOString(),
          date: almatyDate(acceptedAt),
          expenditureId: `repair-${envelope.eventId}`,
        },
        envelope.actor,
        manager,
      ),
    );
  }
}
