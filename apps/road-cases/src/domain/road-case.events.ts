import type { DomainEvent } from '@app/domain-kernel';
import type { LinkReport, OpenCase, ReportRepair, VerifyDefect } from './road-case.commands';

export type CaseOpened = DomainEvent<'CaseOpened', OpenCase['data'] & { openedAt: string }>;
export type ReportLinkedToCase = DomainEvent<'ReportLinkedToCase', LinkReport['data']>;
export type DefectVerified = DomainEvent<'DefectVerified', VerifyDefect['data']>;
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
