import type { Command } from '@app/domain-kernel';
import type { ReportLanguage } from './report-language';
import type { BudgetExecutionDetails, ReportKind, ReportOutcome, RoadDefectDetails } from './report.types';

export type SubmitReport = Command<
  'SubmitReport',
  {
    reportId: string;
    kind: ReportKind;
    /** The citizen's user id, or null when the reporter stays anonymous. */
    reporterId: string | null;
    /** Whether a contact was left; the contact itself is stored apart and never enters an event. */
    hasContact: boolean;
    /** The language the reporter is told about the report in (absent on reports filed before it existed: kk). */
    language?: ReportLanguage;
    description: string;
    road?: RoadDefectDetails;
    budget?: BudgetExecutionDetails;
  }
>;
export type StartReview = Command<'StartReview', Record<string, never>>;
/** A club decision: taken at a meeting (its date) by a moderator (the actor). */
export type AcceptReport = Command<'AcceptReport', { meetingDate: string }>;
export type RejectReport = Command<'RejectReport', { meetingDate: string; reason: string }>;
/** The handler has checked that the other report exists. */
export type MarkDuplicate = Command<'MarkDuplicate', { meetingDate: string; duplicateOf: string }>;
export type LinkCase = Command<'LinkCase', { caseId: string }>;
export type ResolveReport = Command<
  'ResolveReport',
  {
    outcome: ReportOutcome;
    reason: string | null;
    caseId: string | null;
    source: 'road-cases' | 'budgets';
  }
>;
export type ReopenReport = Command<'ReopenReport', { reason: string }>;

export type ReportCommand =
  SubmitReport | StartReview | AcceptReport | RejectReport | MarkDuplicate | LinkCase | ResolveReport | ReopenReport;
