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
  type AnyPublishedEvent,
} from '@app/contracts';

/** Every road-case event is public, each as v1 of its contract in libs/contracts; the contractor's note stays here. */
export const roadCasesPublished: AnyPublishedEvent[] = [
  { eventType: 'CaseOpened', contract: CaseOpenedV1, schemaVersion: 1 },
  { eventType: 'ReportLinkedToCase', contract: ReportLinkedToCaseV1, schemaVersion: 1 },
  { eventType: 'DefectVerified', contract: DefectVerifiedV1, schemaVersion: 1 },
  { eventType: 'CaseRejected', contract: CaseRejectedV1, schemaVersion: 1 },
  { eventType: 'ContractorAssigned', contract: ContractorAssignedV1, schemaVersion: 1 },
  {
    eventType: 'RepairReported',
    contract: RepairReportedV1,
    schemaVersion: 1,
    toPublic: (d: { contractorBin: string }) => ({ contractorBin: d.contractorBin }),
  },
  { eventType: 'RepairAccepted', contract: RepairAcceptedV1, schemaVersion: 1 },
  { eventType: 'RepairRejected', contract: RepairRejectedV1, schemaVersion: 1 },
  { eventType: 'CaseClosed', contract: CaseClosedV1, schemaVersion: 1 },
  { eventType: 'CaseReopened', contract: CaseReopenedV1, schemaVersion: 1 },
  { eventType: 'CaseOverdue', contract: CaseOverdueV1, schemaVersion: 1 },
];
