import type {
  BudgetExecutionDetails,
  ForwardTarget,
  ReportKind,
  ReportOutcome,
  ReportStatus,
  RoadDefectDetails,
} from '../../domain/report.types';
import type { Columns } from '../columns';

/** The report board's columns, once: the table's DDL, the rows it is read as and the casts of its updates. */
export const REPORT_BOARD_COLUMNS = {
  report_id: { sql: 'text PRIMARY KEY', as: 'id' },
  version: { sql: 'integer NOT NULL' },
  kind: { sql: 'text NOT NULL' },
  status: { sql: 'text NOT NULL' },
  district: { sql: 'text' },
  reporter_id: { sql: 'text' },
  anonymous: { select: 'reporter_id IS NULL' },
  description: { sql: 'text NOT NULL' },
  details: { sql: 'jsonb NOT NULL' },
  submitted_at: { sql: 'timestamptz NOT NULL' },
  review_started_at: { sql: 'timestamptz' },
  meeting_date: { sql: 'date', select: `to_char(meeting_date, 'YYYY-MM-DD')` },
  moderator_id: { sql: 'text' },
  decided_at: { sql: 'timestamptz' },
  forwarded_to: { sql: 'text' },
  reason: { sql: 'text' },
  duplicate_of: { sql: 'text' },
  case_id: { sql: 'text' },
  outcome: { sql: 'text' },
  resolved_at: { sql: 'timestamptz' },
  reopen_count: { sql: 'integer NOT NULL DEFAULT 0' },
} satisfies Columns;

/** A row of the report board as REPORT_BOARD_COLUMNS reads it (meetingDate as YYYY-MM-DD). */
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
] satisfies (keyof typeof REPORT_BOARD_COLUMNS)[];

/** What a citizen sees of one of their own reports. */
export type OwnReportRow = Pick<
  ReportRow,
  'id' | 'kind' | 'status' | 'district' | 'submittedAt' | 'caseId' | 'outcome' | 'reason' | 'duplicateOf' | 'resolvedAt'
>;
