import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CaseReopenedV1,
  ContractorAssignedV1,
  DefectVerifiedV1,
  RepairAcceptedV1,
  RepairRejectedV1,
  RepairReportedV1,
  validateContract,
  type IntegrationEnvelope,
} from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { RoadCaseStepsIntake } from '../application/road-case-steps-intake';
import type { CaseNoticeKind } from '../read-models/citizen-notices/report-notices.columns';

const CONSUMER = 'monitoring.road-case-steps';

/** The road-cases events no report event follows, each taken once and told to the reports' readers as a case step. */
@Controller()
export class RoadCaseStepsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: RoadCaseStepsIntake,
  ) {}

  @ConsumeEvent('DefectVerified')
  onDefectVerified(@Payload() envelope: IntegrationEnvelope) {
    const verified = validateContract(DefectVerifiedV1, envelope.payload);
    return this.step(envelope, 'DefectVerified', { severity: verified.severity });
  }

  @ConsumeEvent('ContractorAssigned')
  onContractorAssigned(@Payload() envelope: IntegrationEnvelope) {
    const assigned = validateContract(ContractorAssignedV1, envelope.payload);
    return this.step(envelope, 'ContractorAssigned', { contractorBin: assigned.contractorBin, dueAt: assigned.dueAt });
  }

  @ConsumeEvent('RepairReported')
  onRepairReported(@Payload() envelope: IntegrationEnvelope) {
    const reported = validateContract(RepairReportedV1, envelope.payload);
    return this.step(envelope, 'RepairReported', { contractorBin: reported.contractorBin });
  }

  @ConsumeEvent('RepairAccepted')
  onRepairAccepted(@Payload() envelope: IntegrationEnvelope) {
    const accepted = validateContract(RepairAcceptedV1, envelope.payload);
    return this.step(envelope, 'RepairAccepted', { contractorBin: accepted.contractorBin });
  }

  @ConsumeEvent('RepairRejected')
  onRepairRejected(@Payload() envelope: IntegrationEnvelope) {
    const rejected = validateContract(RepairRejectedV1, envelope.payload);
    return this.step(envelope, 'RepairRejected', { reason: rejected.reason });
  }

  @ConsumeEvent('CaseReopened')
  onCaseReopened(@Payload() envelope: IntegrationEnvelope) {
    const reopened = validateContract(CaseReopenedV1, envelope.payload);
    return this.step(envelope, 'CaseReopened', { reason: reopened.reason });
  }

  private async step(envelope: IntegrationEnvelope, kind: CaseNoticeKind, details: Record<string, string>) {
    const step = {
      eventId: envelope.eventId,
      caseId: envelope.streamId,
      kind,
      details,
      occurredAt: envelope.occurredAt,
    };
    await this.inbox.once(CONSUMER, envelope, (manager) => this.intake.step(manager, step));
  }
}
