import {
  CaseClosedV1,
  CaseOpenedV1,
  CaseOverdueV1,
  CaseRejectedV1,
  CaseReopenedV1,
  ContractorAssignedV1,
  DefectVerifiedV1,
  RepairAcceptedV1,
  RepairRejectedV1,
  RepairReportedV1,
  ReportLinkedToCaseV1,
  publishedAsV1,
  type AnyPublishedEvent,
} from '@app/contracts';

/** Every road-case event is public, each as v1 of its contract in libs/contracts; the contractor's note stays here. */
export const roadCasesPublished: AnyPublishedEvent[] = [
  ...publishedAsV1({
    CaseOpened: CaseOpenedV1,
    ReportLinkedToCase: ReportLinkedToCaseV1,
    DefectVerified: DefectVerifiedV1,
    CaseRejected: CaseRejectedV1,
    ContractorAssigned: ContractorAssignedV1,
  }),
  {
    eventType: 'RepairReported',
    contract: RepairReportedV1,
    schemaVersion: 1,
    toPublic: (d: { contractorBin: string }) => ({ contractorBin: d.contractorBin }),
  },
  ...publishedAsV1({
    RepairAccepted: RepairAcceptedV1,
    RepairRejected: RepairRejectedV1,
    CaseClosed: CaseClosedV1,
    CaseReopened: CaseReopenedV1,
    CaseOverdue: CaseOverdueV1,
  }),
];
