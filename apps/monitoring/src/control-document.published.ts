import {
  DocumentSendingOverdueV1,
  EscalationOutcomeRecordedV1,
  FinalDocumentIssuedV1,
  FinalDocumentSentV1,
  HearingScheduledV1,
  RecommendationEscalatedV1,
  RecommendationRepliedV1,
  RecommendationReplyOverdueV1,
  publishedAsV1,
  type AnyPublishedEvent,
} from '@app/contracts';

/**
 * Every event of a final document of public control is public, each as its v1 contract: the law makes the findings,
 * the institution's replies and the authorised body's decision public. No citizen is named in them.
 */
export const controlDocumentPublished: AnyPublishedEvent[] = publishedAsV1({
  FinalDocumentIssued: FinalDocumentIssuedV1,
  FinalDocumentSent: FinalDocumentSentV1,
  DocumentSendingOverdue: DocumentSendingOverdueV1,
  RecommendationReplied: RecommendationRepliedV1,
  RecommendationReplyOverdue: RecommendationReplyOverdueV1,
  HearingScheduled: HearingScheduledV1,
  RecommendationEscalated: RecommendationEscalatedV1,
  EscalationOutcomeRecorded: EscalationOutcomeRecordedV1,
});
