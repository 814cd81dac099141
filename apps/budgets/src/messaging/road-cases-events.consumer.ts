import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RepairAcceptedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent } from '@app/messaging';
import { RoadCasesIntake } from '../application/intake/road-cases-intake';

/** road-cases.events, validated against their contracts; what they do is RoadCasesIntake's. */
@Controller()
export class RoadCasesEventsConsumer {
  constructor(private readonly intake: RoadCasesIntake) {}

  @ConsumeEvent('RepairAccepted')
  onRepairAccepted(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.intake.repairAccepted(validateContract(RepairAcceptedV1, envelope.payload), envelope);
  }
}
