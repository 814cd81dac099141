import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IntegrationEnvelope, RepairAcceptedV1 } from '@app/contracts';
import { AggregateCommands } from '@app/event-store';
import { Inbox } from '@app/messaging';
import { almatyDate, mustExist, type Actor } from '@app/domain-kernel';
import { RegisterQueries } from '../../read-models/register/register.queries';
import { contractAggregate } from '../contract.aggregate';
import { recordSpending } from '../record-expenditure';

/** What road-cases' events do to the register: accepted repairs become spending or warranty repairs. */
@Injectable()
export class RoadCasesIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
  ) {}

  /**
   * Once per event, in the inbox's transaction. The case is the event's stream; the spending is dated the Almaty day
   * the repair was accepted, under an id the event gives it (a redelivery books nothing twice).
   */
  async repairAccepted(repair: RepairAcceptedV1, envelope: IntegrationEnvelope): Promise<void> {
    const acceptedAt = new Date(envelope.occurredAt);
    await this.inbox.once('budgets.road-cases', envelope, (manager) =>
      this.book(
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

  /** Under warranty the repair is the contractor's debt; outside it the contract's programme pays. */
  private async book(
    repair: {
      caseId: string;
      contractId: string;
      underWarranty: boolean;
      costTiyn: number;
      acceptedAt: string;
      date: string;
      expenditureId: string;
    },
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    const contract = mustExist(await this.register.contract(repair.contractId, manager), 'Contract', repair.contractId);
    if (repair.underWarranty) {
      await this.commands.execute(
        contractAggregate,
        repair.contractId,
        'RecordWarrantyRepair',
        { caseId: repair.caseId, costTiyn: repair.costTiyn, acceptedAt: repair.acceptedAt },
        actor,
        { manager },
      );
      return;
    }
    if (repair.costTiyn === 0) return; // nothing was spent
    const spending = {
      amountTiyn: repair.costTiyn,
      date: repair.date,
      description: `Repair of road case ${repair.caseId}`,
      contractId: repair.contractId,
      caseId: repair.caseId,
    };
    await recordSpending(this.commands, contract.programmeId, repair.expenditureId, spending, actor, { manager });
  }
}
