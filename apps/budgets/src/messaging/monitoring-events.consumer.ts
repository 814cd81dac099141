import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReportForwardedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent } from '@app/messaging';
import { MonitoringIntake } from '../application/intake/monitoring-intake';

/** monitoring.events, validated against their contracts; what they do is MonitoringIntake's. */
@Controller()
export class MonitoringEventsConsumer {
  constructor(private readonly intake: MonitoringIntake) {}

  @ConsumeEvent('ReportForwarded')
  onReportForwarded(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    return this.intake.reportForwarded(validateContract(ReportForwardedV1, envelope.payload), envelope);
  }
}
