import type { ReportLanguage } from '../../domain/report-language';
import { ReadModelColumns } from '@app/event-store';

/**
 * The report notices' columns, once (DDL, SELECT list, row). A notice is one public status change of a report:
 * what the reporter is e-mailed about, what a webhook subscriber is sent, and an entry of the Atom feeds. It holds
 * only what the report's public events hold, never the reporter's contact or user id.
 */
export const reportNoticeColumns = new ReadModelColumns({
  notice_id: 'text PRIMARY KEY AS noticeId',
  report_id: 'text NOT NULL',
  report_version: 'integer NOT NULL',
  kind: 'text NOT NULL',
  status: 'text NOT NULL',
  case_id: 'text',
  district: 'text',
  institution_bin: 'text',
  language: 'text NOT NULL',
  details: 'jsonb NOT NULL',
  occurred_at: 'timestamptz NOT NULL',
});

/** The report events that change what the reporter and the public see of it. */
export const REPORT_NOTICE_KINDS = [
  'ReportSubmitted',
  'ReviewStarted',
  'ReportAccepted',
  'ReportRejected',
  'ReportMarkedDuplicate',
  'ReportCaseLinked',
  'ReportResolved',
  'ReportReopened',
] as const;

/**
 * The steps of a report's road case that road-cases publishes and no report event follows (its opening and its
 * closing or rejection do: ReportCaseLinked, ReportResolved), named as road-cases names them.
 */
const CASE_NOTICE_KINDS = [
  'DefectVerified',
  'ContractorAssigned',
  'RepairReported',
  'RepairAccepted',
  'RepairRejected',
  'CaseReopened',
] as const;

/**
 * The steps of the public-control loop over a report (Law "On Public Control" art. 13), named as the control
 * document's events name them: the club's final document, its sending, each reply or its absence, a hearing, an
 * escalation to an authorised body and its outcome.
 */
export const CONTROL_NOTICE_KINDS = [
  'FinalDocumentIssued',
  'FinalDocumentSent',
  'DocumentSendingOverdue',
  'RecommendationReplied',
  'RecommendationReplyOverdue',
  'HearingScheduled',
  'RecommendationEscalated',
  'EscalationOutcomeRecorded',
] as const;

/** Every kind of notice: what a webhook subscriber chooses among. */
export const NOTICE_KINDS = [...REPORT_NOTICE_KINDS, ...CASE_NOTICE_KINDS, ...CONTROL_NOTICE_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type CaseNoticeKind = (typeof CASE_NOTICE_KINDS)[number];
export type ControlNoticeKind = (typeof CONTROL_NOTICE_KINDS)[number];

export interface ReportNotice {
  /**
   * `<reportId>:<version>` for a report's change, `<road-cases event id>:<reportId>` for a case step,
   * `<documentId>:<version>` for a step of public control over the report: stable, so a
   * rebuilt table, a retried delivery and a feed entry keep one id.
   */
  noticeId: string;
  reportId: string;
  reportVersion: number;
  kind: NoticeKind;
  /** The report's status after the change (a case step leaves it as it was). */
  status: string;
  caseId: string | null;
  district: string | null;
  institutionBin: string | null;
  language: ReportLanguage;
  /**
   * The change's public particulars (by kind): reason, outcome, duplicateOf, forwardedTo, contractorBin, dueAt; for
   * public control documentId, number (of the recommendation), position, reasoning, late, the due dates, authority…
   */
  details: Record<string, string | null>;
  occurredAt: Date;
}
