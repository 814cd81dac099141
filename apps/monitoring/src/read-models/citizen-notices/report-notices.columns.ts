import type { ReportLanguage } from '../../domain/report-language';
import type { Columns } from '../columns';

/**
 * The report notices' columns, once (DDL, SELECT list, row). A notice is one public status change of a report:
 * what the reporter is e-mailed about, what a webhook subscriber is sent, and an entry of the Atom feeds. It holds
 * only what the report's public events hold, never the reporter's contact or user id.
 */
export const REPORT_NOTICE_COLUMNS = {
  notice_id: { sql: 'text PRIMARY KEY', as: 'noticeId' },
  report_id: { sql: 'text NOT NULL' },
  report_version: { sql: 'integer NOT NULL' },
  kind: { sql: 'text NOT NULL' },
  status: { sql: 'text NOT NULL' },
  case_id: { sql: 'text' },
  district: { sql: 'text' },
  institution_bin: { sql: 'text' },
  language: { sql: 'text NOT NULL' },
  details: { sql: 'jsonb NOT NULL' },
  occurred_at: { sql: 'timestamptz NOT NULL' },
} satisfies Columns;

/** The kinds of notice: the report events that change what the reporter and the public see of it. */
export const NOTICE_KINDS = [
  'ReportSubmitted',
  'ReviewStarted',
  'ReportAccepted',
  'ReportRejected',
  'ReportMarkedDuplicate',
  'ReportCaseLinked',
  'ReportResolved',
  'ReportReopened',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface ReportNotice {
  /** `<reportId>:<version>`: stable, so a rebuilt table, a retried delivery and a feed entry keep one id. */
  noticeId: string;
  reportId: string;
  reportVersion: number;
  kind: NoticeKind;
  /** The report's status after the change. */
  status: string;
  caseId: string | null;
  district: string | null;
  institutionBin: string | null;
  language: ReportLanguage;
  /** The change's public particulars: reason, outcome, duplicateOf, forwardedTo (by kind). */
  details: Record<string, string | null>;
  occurredAt: Date;
}
