import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FinePaidV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent } from '@app/messaging';
import { FinesIntake } from '../application/intake/fines-intake';

/** fines.events, validated against their contracts; what they do is FinesIntake's. */
@Controller()
export class FinesEventsConsumer {
  constructor(private readonly intake: FinesIntake) {}

  @ConsumeEvent('FinePaid')
  onFinePaid(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.intake.finePaid(validateContract(FinePaidV1, envelope.payload), envelope);
  }
}
