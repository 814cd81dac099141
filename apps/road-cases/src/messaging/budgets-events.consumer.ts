import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ContractSignedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { appendAtStreamTail, commandMetadata, EventStore } from '@app/event-store';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { CONTRACT_STREAM } from '../read-models/known-contracts/known-contracts.projection';

/**
 * Contracts signed in budgets, recorded as road-cases' own ContractRecorded events (so the known_contracts read
 * model rebuilds from this service's log like every other).
 */
@Controller()
export class BudgetsEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly store: EventStore,
  ) {}

  @ConsumeEvent('ContractSigned')
  async onContractSigned(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const contract = validateContract(ContractSignedV1, envelope.payload);
    await this.inbox.once('road-cases.budgets', envelope, async (manager) => {
      await appendAtStreamTail(this.store, manager, {
        streamType: CONTRACT_STREAM,
        streamId: `contract-${contract.contractId}`,
        events: [{ type: 'ContractRecorded', data: { ...contract } }],
        metadata: commandMetadata(envelope.actor, new Date(envelope.occurredAt)),
      });
    });
  }
}
