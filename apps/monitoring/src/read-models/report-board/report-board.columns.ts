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
  report_id: 'text PRIMARY KEY AS id',
  version: 'integer NOT NULL',
  kind: 'text NOT NULL',
  status: 'text NOT NULL',
  district: 'text',
  reporter_id: 'text',
  anonymous: { select: 'reporter_id IS NULL' },
  description: 'text NOT NULL',
  details: 'jsonb NOT NULL',
  submitted_at: 'timestamptz NOT NULL',
  review_started_at: 'timestamptz',
  meeting_date: 'date',
  moderator_id: 'text',
  decided_at: 'timestamptz',
  forwarded_to: 'text',
  reason: 'text',
  duplicate_of: 'text',
  case_id: 'text',
  outcome: 'text',
  resolved_at: 'timestamptz',
  reopen_count: 'integer NOT NULL DEFAULT 0',
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
