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
import { ReportResolution } from '../application/report-resolution';

const CONSUMER = 'monitoring.road-cases';

/** Road cases answer forwarded reports: the citizen sees the case, and its closing resolves the reports. */
@Controller()
export class RoadCasesEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly resolution: ReportResolution,
  ) {}

  @ConsumeEvent('CaseOpened')
  async onCaseOpened(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const opened = validateContract(CaseOpenedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.resolution.linkCase(opened.reportIds, opened.caseId, envelope.actor, manager),
    );
  }

  @ConsumeEvent('ReportLinkedToCase')
  async onReportLinked(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const linked = validateContract(ReportLinkedToCaseV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.resolution.linkCase([linked.reportId], envelope.streamId, envelope.actor, manager),
    );
  }

  /** A repaired case fixes every report it answers. */
  @ConsumeEvent('CaseClosed')
  async onCaseClosed(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const closed = validateContract(CaseClosedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, (manager) =>
      this.resolution.resolve(
        closed.reportIds,
        { outcome: 'fixed', reason: null, caseId: envelope.streamId, source: 'road-cases' },
        envelope.actor,
        manager,
      ),
    );
  }

  /** A rejected case closes its reports without a fix, with the inspector's reason. */
  @ConsumeEvent('CaseRejected')
  async onCaseRejected(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const rejected = validateContract(CaseRejectedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, async (manager) => {
      const reportIds = await this.resolution.reportsOfCase(envelope.streamId, manager);
      const data = {
        outcome: 'closed_without_fix' as const,
        reason: rejected.reason,
        caseId: envelope.streamId,
        source: 'road-cases' as const,
      };
      await this.resolution.resolve(reportIds, data, envelope.actor, manager);
    });
  }
}
