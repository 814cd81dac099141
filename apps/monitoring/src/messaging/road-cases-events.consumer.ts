import { CaseClosedV1, CaseOpenedV1, CaseRejectedV1, ReportLinkedToCaseV1 } from '@app/contracts';
import { intakeConsumer } from '@app/messaging';
import { RoadCasesIntake } from '../application/road-cases-intake';

/** The road-cases events that change reports, validated against their contracts; what they do is RoadCasesIntake's. */
export const RoadCasesEventsConsumer = intakeConsumer('RoadCasesEventsConsumer', RoadCasesIntake, {
  CaseOpened: [CaseOpenedV1, 'caseOpened'],
  ReportLinkedToCase: [ReportLinkedToCaseV1, 'reportLinked'],
  CaseClosed: [CaseClosedV1, 'caseClosed'],
  CaseRejected: [CaseRejectedV1, 'caseRejected'],
});
