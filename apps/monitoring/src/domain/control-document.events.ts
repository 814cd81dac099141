import type { DomainEvent } from '@app/domain-kernel';
import type {
  DocumentSendingOverdueV1,
  EscalationOutcomeRecordedV1,
  FinalDocumentIssuedV1,
  FinalDocumentSentV1,
  HearingScheduledV1,
  RecommendationEscalatedV1,
  RecommendationRepliedV1,
  RecommendationReplyOverdueV1,
} from '@app/contracts';

// Every event is stored as it is published (control-document.published.ts: each as v1 of its contract, no toPublic),
// so each one's data is its contract's fields rather than a copy of them: a field added to one but not the other no
// longer compiles. Dates are Asia/Almaty calendar dates 'YYYY-MM-DD'; instants are ISO 8601 UTC.

/** A contract class's fields as a plain object type (a class has no index signature, so it is no event data). */
type ContractData<C> = { [K in keyof C]: C[K] };

export type FinalDocumentIssued = DomainEvent<'FinalDocumentIssued', ContractData<FinalDocumentIssuedV1>>;
export type FinalDocumentSent = DomainEvent<'FinalDocumentSent', ContractData<FinalDocumentSentV1>>;
export type DocumentSendingOverdue = DomainEvent<'DocumentSendingOverdue', ContractData<DocumentSendingOverdueV1>>;
export type RecommendationReplied = DomainEvent<'RecommendationReplied', ContractData<RecommendationRepliedV1>>;
export type RecommendationReplyOverdue = DomainEvent<
  'RecommendationReplyOverdue',
  ContractData<RecommendationReplyOverdueV1>
>;
export type HearingScheduled = DomainEvent<'HearingScheduled', ContractData<HearingScheduledV1>>;
export type RecommendationEscalated = DomainEvent<'RecommendationEscalated', ContractData<RecommendationEscalatedV1>>;
export type EscalationOutcomeRecorded = DomainEvent<
  'EscalationOutcomeRecorded',
  ContractData<EscalationOutcomeRecordedV1>
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
