import type { DomainEvent } from '@app/domain-kernel';
import type { CaseSource, DefectType, GeoPoint, Severity } from './road-case.types';
import type { ReportRepair } from './road-case.commands';

export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    caseId: string;
    location: GeoPoint;
    district: string;
    address: string;
    defectType: DefectType;
    description: string;
    source: CaseSource;
    /** Monitoring reports (or raid defects) this case answers. */
    reportIds: string[];
    raidId: string | null;
    openedAt: string;
  }
>;
export type ReportLinkedToCase = DomainEvent<
  'ReportLinkedToCase',
  { reportId: string; source: CaseSource; raidId: string | null }
>;
export type DefectVerified = DomainEvent<
  'DefectVerified',
  { severity: Severity; areaM2: number; estimatedCostTiyn: number }
>;
export type CaseRejected = DomainEvent<'CaseRejected', { reason: string }>;
export type ContractorAssigned = DomainEvent<
  'ContractorAssigned',
  {
    contractorBin: string;
    contractId: string;
    dueAt: string;
    underWarranty: boolean;
    /** 1 for the first assignment; escalation happens once per assignment. */
    assignment: number;
  }
>;
export type RepairReported = DomainEvent<'RepairReported', ReportRepair['data']>;
export type RepairAccepted = DomainEvent<
  'RepairAccepted',
  {
    actualCostTiyn: number;
    underWarranty: boolean;
    contractId: string;
    contractorBin: string;
    onTime: boolean;
  }
>;
export type RepairRejected = DomainEvent<'RepairRejected', { reason: string; reworks: number }>;
export type CaseClosed = DomainEvent<'CaseClosed', { outcome: 'repaired'; reportIds: string[] }>;
export type CaseReopened = DomainEvent<'CaseReopened', { reason: string }>;
export type CaseOverdue = DomainEvent<'CaseOverdue', { dueAt: string; assignment: number; contractorBin: string }>;

export type RoadCaseEvent =
  | CaseOpened
  | ReportLinkedToCase
  | DefectVerified
  | CaseRejected
  | ContractorAssigned
  | RepairReported
  | RepairAccepted
  | RepairRejected
  | CaseClosed
  | CaseReopened
  | CaseOverdue;
