import type { DomainEvent } from '@app/domain-kernel';
import type { ControlSubjectKind, EscalationGrounds, FinalDocumentKind, ReplyPosition } from './control-document.types';

/** Dates are Asia/Almaty calendar dates 'YYYY-MM-DD'; instants are ISO 8601 UTC. */
export type FinalDocumentIssued = DomainEvent<
  'FinalDocumentIssued',
  {
    documentId: string;
    subjectKind: ControlSubjectKind;
    subjectId: string;
    documentKind: FinalDocumentKind;
    institutionBin: string;
    /** The district of the report or raid controlled (null for a report that names none): the scoreboard's second axis. */
    district: string | null;
    findings: string;
    recommendations: { number: number; text: string }[];
    controlEndedOn: string;
    sendWithinWorkingDays: number;
    sendDueOn: string;
    calendarUnverified: boolean;
    issuedBy: string;
    issuedAt: string;
  }
>;
export type FinalDocumentSent = DomainEvent<
  'FinalDocumentSent',
  {
    sentAt: string;
    sentOn: string;
    late: boolean;
    replyWithinWorkingDays: number;
    replyDueOn: string;
    calendarUnverified: boolean;
  }
>;
export type DocumentSendingOverdue = DomainEvent<'DocumentSendingOverdue', { sendDueOn: string; markedAt: string }>;
export type RecommendationReplied = DomainEvent<
  'RecommendationReplied',
  {
    number: number;
    position: ReplyPosition;
    reasoning: string;
    evidence: string[];
    repliedBy: string;
    repliedAt: string;
    repliedOn: string;
    late: boolean;
  }
>;
export type RecommendationReplyOverdue = DomainEvent<
  'RecommendationReplyOverdue',
  { number: number; replyDueOn: string; markedAt: string }
>;
export type HearingScheduled = DomainEvent<
  'HearingScheduled',
  {
    hearingId: string;
    hearingAt: string;
    hearingOn: string;
    place: string;
    announcedAt: string;
    announcedOn: string;
    noticeWorkingDays: number;
    earliestOn: string;
    calendarUnverified: boolean;
  }
>;
export type RecommendationEscalated = DomainEvent<
  'RecommendationEscalated',
  {
    number: number;
    grounds: EscalationGrounds;
    authority: string;
    authorityReference: string;
    escalatedBy: string;
    escalatedAt: string;
  }
>;
export type EscalationOutcomeRecorded = DomainEvent<
  'EscalationOutcomeRecorded',
  {
    number: number;
    liability: boolean;
    protocolNumber: string | null;
    fineId: string | null;
    note: string;
    recordedBy: string;
    recordedAt: string;
  }
>;

export type ControlDocumentEvent =
  | FinalDocumentIssued
  | FinalDocumentSent
  | DocumentSendingOverdue
  | RecommendationReplied
  | RecommendationReplyOverdue
  | HearingScheduled
  | RecommendationEscalated
  | EscalationOutcomeRecorded;
