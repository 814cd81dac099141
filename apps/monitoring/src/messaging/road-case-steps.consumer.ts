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
import { RoadCasesIntake } from '../application/road-cases-intake';
import type { CaseNoticeKind } from '../read-models/citizen-notices/report-notices.columns';

const CONSUMER = 'monitoring.road-case-steps';

/** Each step's contract, and the public particulars its notice keeps of it. */
const STEPS: { [K in CaseNoticeKind]: { contract: new () => object; details: (p: never) => Record<string, string> } } =
  {
    DefectVerified: { contract: DefectVerifiedV1, details: (p: DefectVerifiedV1) => ({ severity: p.severity }) },
    ContractorAssigned: {
      contract: ContractorAssignedV1,
      details: (p: ContractorAssignedV1) => ({ contractorBin: p.contractorBin, dueAt: p.dueAt }),
    },
    RepairReported: {
      contract: RepairReportedV1,
      details: (p: RepairReportedV1) => ({ contractorBin: p.contractorBin }),
    },
    RepairAccepted: {
      contract: RepairAcceptedV1,
      details: (p: RepairAcceptedV1) => ({ contractorBin: p.contractorBin }),
    },
    RepairRejected: { contract: RepairRejectedV1, details: (p: RepairRejectedV1) => ({ reason: p.reason }) },
    CaseReopened: { contract: CaseReopenedV1, details: (p: CaseReopenedV1) => ({ reason: p.reason }) },
  };

/** The road-cases events no report event follows, each taken once and told to the reports' readers as a case step. */
@Controller()
export class RoadCaseStepsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: RoadCasesIntake,
  ) {}

  /** One handler for every step STEPS names, told apart by the envelope's event type. */
  @ConsumeEvent(Object.keys(STEPS))
  async onCaseStep(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const kind = envelope.eventType as CaseNoticeKind;
    const { contract, details } = STEPS[kind];
    const payload = validateContract(contract, envelope.payload) as never;
    const step = {
      eventId: envelope.eventId,
      caseId: envelope.streamId,
      kind,
      details: details(payload),
      occurredAt: envelope.occurredAt,
    };
    await this.inbox.once(CONSUMER, envelope, (manager) => this.intake.caseStep(manager, step));
  }
}
