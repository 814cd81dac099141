import type { DefectType, PhotoEvidence } from '@app/contracts';
import type { Command } from '@app/domain-kernel';
import type { CaseSource, ContractTerms, GeoPoint, Severity, SeverityDeadlines } from './road-case.types';

export type OpenCase = Command<
  'OpenCase',
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
  }
>;
export type LinkReport = Command<'LinkReport', { reportId: string; source: CaseSource; raidId: string | null }>;
export type VerifyDefect = Command<'VerifyDefect', { severity: Severity; areaM2: number; estimatedCostTiyn: number }>;
export type RejectCase = Command<'RejectCase', { reason: string }>;
export type AssignContractor = Command<
  'AssignContractor',
  {
    contractorBin: string;
    /** The contract as road-cases knows it (from budgets.events); the handler looks it up. */
    contract: ContractTerms;
    deadlines: SeverityDeadlines;
    /** An official may set an earlier or later due date than the severity's deadline. */
    dueAt?: string;
  }
>;
/** photoEvidence: photos of the repair uploaded with the report, by the hash of their stored copy (absent: none). */
export type ReportRepair = Command<
  'ReportRepair',
  { contractorBin: string; note: string; photoEvidence?: PhotoEvidence[] }
>;
export type AcceptRepair = Command<'AcceptRepair', { actualCostTiyn: number }>;
export type RejectRepair = Command<'RejectRepair', { reason: string }>;
export type ReopenCase = Command<'ReopenCase', { reason: string }>;
export type MarkOverdue = Command<'MarkOverdue', Record<string, never>>;

export type RoadCaseCommand =
  | OpenCase
  | LinkReport
  | VerifyDefect
  | RejectCase
  | AssignContractor
  | ReportRepair
  | AcceptRepair
  | RejectRepair
  | ReopenCase
  | MarkOverdue;
