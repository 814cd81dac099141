import type { DefectType, PhotoEvidence } from '@app/contracts';

export const REPORT_KINDS = ['road_defect', 'budget_execution'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportStatus = 'none' | 'submitted' | 'under_review' | 'accepted' | 'resolved' | 'rejected' | 'duplicate';

/** "fixed" and "closed without fix" are different ends: a citizen learns which one their report had. */
export type ReportOutcome = 'fixed' | 'closed_without_fix';

/** Where an accepted report goes: road defects to road-cases, budget doubts to budgets. */
export type ForwardTarget = 'road-cases' | 'budgets';

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface RoadDefectDetails {
  location: GeoPoint;
  district: string;
  address: string;
  defectType: DefectType;
  photos: string[];
  /** Photos uploaded with the report, by the hash of their stored copy; absent on reports filed without any. */
  photoEvidence?: PhotoEvidence[];
}

export interface BudgetExecutionDetails {
  institutionBin: string;
  programmeCode: string;
  fiscalYear: number;
  doubt: string;
  amountInQuestionTiyn: number;
}
