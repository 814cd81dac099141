import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CaseClosedV1,
  CaseOpenedV1,
  CaseRejectedV1,
  ReportLinkedToCaseV1,
  validateContract,
  type IntegrationEnvelope,
} from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { RoadCasesIntake } from '../application/road-cases-intake';

const CONSUMER = 'monitoring.road-cases';

/** Road-cases' events, each taken once and handed to the road-cases intake, which says what it means for reports. */
@Controller()
export class RoadCasesEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: RoadCasesIntake,
  ) {}

  @ConsumeEvent('CaseOpened')
  async onCaseOpened(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const opened = validateContract(CaseOpenedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) => this.intake.caseOpened(opened, envelope.actor, manager));
  }

  @ConsumeEvent('ReportLinkedToCase')
  async onReportLinked(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const linked = validateContract(ReportLinkedToCaseV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.intake.reportLinked(envelope.streamId, linked, envelope.actor, manager),
    );
  }

  @ConsumeEvent('CaseClosed')
  async onCaseClosed(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const closed = validateContract(CaseClosedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.intake.caseClosed(envelope.streamId, closed, envelope.actor, manager),
    );
  }

  @ConsumeEvent('CaseRejected')
  async onCaseRejected(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const rejected = validateContract(CaseRejectedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.intake.caseRejected(envelope.streamId, rejected, envelope.actor, manager),
    );
  }
}
