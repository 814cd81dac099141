import {
  DocumentSendingOverdueV1,
  EscalationOutcomeRecordedV1,
  FinalDocumentIssuedV1,
  FinalDocumentSentV1,
  HearingScheduledV1,
  RecommendationEscalatedV1,
  RecommendationRepliedV1,
  RecommendationReplyOverdueV1,
  type AnyPublishedEvent,
} from '@app/contracts';

/**
 * Every event of a final document of public control is public, each as its v1 contract: the law makes the findings,
 * the institution's replies and the authorised body's decision public. No citizen is named in them.
 */
export const controlDocumentPublished: AnyPublishedEvent[] = [
  { eventType: 'FinalDocumentIssued', contract: FinalDocumentIssuedV1, schemaVersion: 1 },
  { eventType: 'FinalDocumentSent', contract: FinalDocumentSentV1, schemaVersion: 1 },
  { eventType: 'DocumentSendingOverdue', contract: DocumentSendingOverdueV1, schemaVersion: 1 },
  { eventType: 'RecommendationReplied', contract: RecommendationRepliedV1, schemaVersion: 1 },
  { eventType: 'RecommendationReplyOverdue', contract: RecommendationReplyOverdueV1, schemaVersion: 1 },
  { eventType: 'HearingScheduled', contract: HearingScheduledV1, schemaVersion: 1 },
  { eventType: 'RecommendationEscalated', contract: RecommendationEscalatedV1, schemaVersion: 1 },
  { eventType: 'EscalationOutcomeRecorded', contract: EscalationOutcomeRecordedV1, schemaVersion: 1 },
];
