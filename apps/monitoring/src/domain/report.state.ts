import type {
  BudgetExecutionDetails,
  ReportKind,
  ReportOutcome,
  ReportStatus,
  RoadDefectDetails,
} from './report.types';

export interface ReportState {
  status: ReportStatus;
  reportId: string;
  kind: ReportKind | null;
  reporterId: string | null;
  description: string;
  road: RoadDefectDetails | null;
  budget: BudgetExecutionDetails | null;
  caseId: string | null;
  outcome: ReportOutcome | null;
  duplicateOf: string | null;
  reopenCount: number;
}

export const initialReportState = (): ReportState => ({
  status: 'none',
  reportId: '',
  kind: null,
  reporterId: null,
  description: '',
  road: null,
  budget: null,
  caseId: null,
  outcome: null,
  duplicateOf: null,
  reopenCount: 0,
});
