import type { DefectType } from '@app/contracts';
import type { CaseSource, CaseStatus, GeoPoint, Severity } from './road-case.types';

export interface RoadCaseState {
  status: CaseStatus;
  caseId: string;
  location: GeoPoint | null;
  district: string;
  defectType: DefectType | null;
  source: CaseSource | null;
  openedAt: string | null;
  reportIds: string[];
  severity: Severity | null;
  estimatedCostTiyn: number | null;
  contractorBin: string | null;
  contractId: string | null;
  dueAt: string | null;
  underWarranty: boolean;
  assignment: number;
  /** The assignment the case was escalated for, so escalation happens once per assignment. */
  escalatedAssignment: number | null;
  reworks: number;
}

export const initialRoadCaseState = (): RoadCaseState => ({
  status: 'none',
  caseId: '',
  location: null,
  district: '',
  defectType: null,
  source: null,
  openedAt: null,
  reportIds: [],
  severity: null,
  estimatedCostTiyn: null,
  contractorBin: null,
  contractId: null,
  dueAt: null,
  underWarranty: false,
  assignment: 0,
  escalatedAssignment: null,
  reworks: 0,
});
