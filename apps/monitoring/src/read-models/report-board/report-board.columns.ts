import { ReadModelColumns } from '@app/event-store';
import type {
  BudgetExecutionDetails,
  ForwardTarget,
  ReportKind,
  ReportOutcome,
  ReportStatus,
  RoadDefectDetails,
} from '../../domain/report.types';

/** The report board's columns, once: the table's DDL, the rows it is read as and the casts of its updates. */
export const reportBoardColumns = new ReadModelColumns({
  report_id: { type: 'text', constraint: 'PRIMARY KEY', as: 'id' },
  version: { type: 'integer', constraint: 'NOT NULL' },
  kind: { type: 'text', constraint: 'NOT NULL' },
  status: { type: 'text', constraint: 'NOT NULL' },
  district: { type: 'text' },
  reporter_id: { type: 'text' },
  anonymous: { select: 'reporter_id IS NULL' },
  description: { type: 'text', constraint: 'NOT NULL' },
  details: { type: 'jsonb', constraint: 'NOT NULL' },
  submitted_at: { type: 'timestamptz', constraint: 'NOT NULL' },
  review_started_at: { type: 'timestamptz' },
  meeting_date: { type: 'date' },
  moderator_id: { type: 'text' },
  decided_at: { type: 'timestamptz' },
  forwarded_to: { type: 'text' },
  reason: { type: 'text' },
  duplicate_of: { type: 'text' },
  case_id: { type: 'text' },
  outcome: { type: 'text' },
  resolved_at: { type: 'timestamptz' },
  reopen_count: { type: 'integer', constraint: 'NOT NULL DEFAULT 0' },
});

/** A row of the report board as reportBoardColumns reads it (meetingDate as YYYY-MM-DD). */
export interface ReportRow {
  id: string;
  version: number;
  kind: ReportKind;
  status: Exclude<ReportStatus, 'none'>;
  district: string | null;
  reporterId: string | null;
  anonymous: boolean;
  description: string;
  /** The road defect's place or the budget doubt, as the report was submitted. */
  details: RoadDefectDetails | BudgetExecutionDetails;
  submittedAt: Date;
  reviewStartedAt: Date | null;
  meetingDate: string | null;
  moderatorId: string | null;
  decidedAt: Date | null;
  forwardedTo: ForwardTarget | null;
  reason: string | null;
  duplicateOf: string | null;
  caseId: string | null;
  outcome: ReportOutcome | null;
  resolvedAt: Date | null;
  reopenCount: number;
}

/** The columns a citizen sees of one of their own reports. */
export const OWN_REPORT_COLUMNS = [
  'report_id',
  'kind',
  'status',
  'district',
  'submitted_at',
  'case_id',
  'outcome',
  'reason',
  'duplicate_of',
  'resolved_at',
] as const;

/**
 * What a citizen sees of one of their own reports. Its members are listed in the order the OpenAPI document has
 * always given them (a Pick of ReportRow would take whatever order the checker's key union happens to have).
 */
export interface OwnReportRow {
  district: ReportRow['district'];
  caseId: ReportRow['caseId'];
  id: ReportRow['id'];
  kind: ReportRow['kind'];
  reason: ReportRow['reason'];
  outcome: ReportRow['outcome'];
  status: ReportRow['status'];
  duplicateOf: ReportRow['duplicateOf'];
  submittedAt: ReportRow['submittedAt'];
  resolvedAt: ReportRow['resolvedAt'];
}
