import type { DomainEvent } from '@app/domain-kernel';
import type { DefectType } from '@app/contracts';
import type { ResolveReport, SubmitReport } from './report.commands';
import type { BudgetExecutionDetails, ForwardTarget, GeoPoint, ReportKind } from './report.types';

export type ReportSubmitted = DomainEvent<'ReportSubmitted', SubmitReport['data'] & { submittedAt: string }>;
export type ReviewStarted = DomainEvent<'ReviewStarted', { moderatorId: string }>;
export type ReportAccepted = DomainEvent<
  'ReportAccepted',
  { moderatorId: string; meetingDate: string; forwardedTo: ForwardTarget }
>;
/**
 * The public hand-over (ReportForwardedV1), plus the budget fields budgets needs for a budget_execution report.
 * The extra fields are ignored by a consumer validating only ReportForwardedV1.
 */
export type ReportForwarded = DomainEvent<
  'ReportForwarded',
  {
    reportId: string;
    kind: ReportKind;
    location?: GeoPoint;
    district?: string;
    address?: string;
    defectType?: DefectType;
    description?: string;
  } & Partial<BudgetExecutionDetails>
>;
export type ReportRejected = DomainEvent<
  'ReportRejected',
  { moderatorId: string; meetingDate: string; reason: string }
>;
export type ReportMarkedDuplicate = DomainEvent<
  'ReportMarkedDuplicate',
  { moderatorId: string; meetingDate: string; duplicateOf: string }
>;
export type ReportCaseLinked = DomainEvent<'ReportCaseLinked', { caseId: string }>;
/** The resolution as the service the report went to gave it. */
export type ReportResolved = DomainEvent<'ReportResolved', ResolveReport['data']>;
export type ReportReopened = DomainEvent<
  'ReportReopened',
  { reason: string; byReporter: boolean; reopenCount: number }
>;

export type ReportEvent =
  | ReportSubmitted
  | ReviewStarted
  | ReportAccepted
  | ReportForwarded
  | ReportRejected
  | ReportMarkedDuplicate
  | ReportCaseLinked
  | ReportResolved
  | ReportReopened;
