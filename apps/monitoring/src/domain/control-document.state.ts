import type { ControlDocumentStatus, EscalationGrounds, ReplyPosition } from './control-document.types';

export interface RecommendationState {
  number: number;
  text: string;
  reply: { position: ReplyPosition; repliedOn: string; late: boolean } | null;
  replyOverdue: boolean;
  escalation: {
    grounds: EscalationGrounds;
    authority: string;
    authorityReference: string;
    outcome: { liability: boolean; protocolNumber: string | null; fineId: string | null } | null;
  } | null;
}

export interface ControlDocumentState {
  status: ControlDocumentStatus;
  documentId: string;
  institutionBin: string;
  sendDueOn: string | null;
  sendingOverdue: boolean;
  replyDueOn: string | null;
  /** A deadline of this document was counted through a year the working-day calendar has not verified. */
  calendarUnverified: boolean;
  recommendations: RecommendationState[];
  hearingIds: string[];
}

export const initialControlDocumentState = (): ControlDocumentState => ({
  status: 'none',
  documentId: '',
  institutionBin: '',
  sendDueOn: null,
  sendingOverdue: false,
  replyDueOn: null,
  calendarUnverified: false,
  recommendations: [],
  hearingIds: [],
});

/** The recommendations of a document just issued: none answered, overdue or escalated yet (state and read model alike). */
export const freshRecommendations = (issued: { number: number; text: string }[]) =>
  issued.map(({ number, text }) => ({ number, text, reply: null, replyOverdue: false, escalation: null }));

/** The document (state or read-model row) with its numbered recommendation changed. */
export function withRecommendation<D extends { recommendations: { number: number }[] }>(
  doc: D,
  number: number,
  change: (r: D['recommendations'][number]) => D['recommendations'][number],
): D {
  return { ...doc, recommendations: doc.recommendations.map((r) => (r.number === number ? change(r) : r)) };
}
