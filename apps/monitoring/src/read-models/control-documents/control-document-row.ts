import { ReadModelColumns } from '@app/event-store';
import type { ControlDocumentEvent, RecommendationReplied } from '../../domain/control-document.events';
import { freshRecommendations, withRecommendation } from '../../domain/control-document.state';
import type { ControlSubjectKind, EscalationGrounds, FinalDocumentKind } from '../../domain/control-document.types';

export interface RecommendationRow {
  number: number;
  text: string;
  /** The reply as the institution gave it (RecommendationReplied without the number). */
  reply: Omit<RecommendationReplied['data'], 'number'> | null;
  replyOverdue: boolean;
  escalation: {
    grounds: EscalationGrounds;
    authority: string;
    authorityReference: string;
    escalatedAt: string;
    outcome: {
      liability: boolean;
      protocolNumber: string | null;
      fineId: string | null;
      note: string;
      recordedAt: string;
    } | null;
  } | null;
}

export interface HearingRow {
  hearingId: string;
  hearingAt: string;
  place: string;
  announcedOn: string;
  earliestOn: string;
  calendarUnverified: boolean;
}

/** One final document as the read model holds it: dates are Asia/Almaty 'YYYY-MM-DD', instants ISO 8601. */
export interface ControlDocumentRow {
  documentId: string;
  version: number;
  status: 'issued' | 'sent';
  subjectKind: ControlSubjectKind;
  subjectId: string;
  documentKind: FinalDocumentKind;
  institutionBin: string;
  district: string | null;
  findings: string;
  controlEndedOn: string;
  sendDueOn: string;
  sentAt: string | null;
  sentOn: string | null;
  sentLate: boolean | null;
  sendingOverdue: boolean;
  replyDueOn: string | null;
  /** A deadline of this document was counted through a year the working-day calendar has not verified. */
  calendarUnverified: boolean;
  recommendations: RecommendationRow[];
  hearings: HearingRow[];
  issuedBy: string;
  issuedAt: string;
}

/**
 * The one list of the table's columns (each a ControlDocumentRow member in snake_case): the DDL, the SELECT list and
 * the upsert are made from it, so a column is named once. jsonb columns travel as JSON text on the way in.
 */
export const controlDocumentColumns = new ReadModelColumns({
  document_id: 'text PRIMARY KEY',
  version: 'integer NOT NULL',
  status: 'text NOT NULL',
  subject_kind: 'text NOT NULL',
  subject_id: 'text NOT NULL',
  document_kind: 'text NOT NULL',
  institution_bin: 'text NOT NULL',
  district: 'text',
  findings: 'text NOT NULL',
  control_ended_on: 'text NOT NULL',
  send_due_on: 'text NOT NULL',
  sent_at: 'text',
  sent_on: 'text',
  sent_late: 'boolean',
  sending_overdue: 'boolean NOT NULL',
  reply_due_on: 'text',
  calendar_unverified: 'boolean NOT NULL',
  recommendations: 'jsonb NOT NULL',
  hearings: 'jsonb NOT NULL',
  issued_by: 'text NOT NULL',
  issued_at: 'text NOT NULL',
});

/**
 * The documents the overdue sweep may still mark: unsent and not yet marked, or sent with a recommendation neither
 * answered nor marked. The WHERE of two partial indexes and of the sweep's read, one text for both, since Postgres
 * uses a partial index only for a read whose WHERE implies the index's (so the recommendations are tested by a
 * jsonpath, which an index predicate may hold, where a subquery may not).
 */
export const DOCUMENTS_AWAITING_SENDING = "status = 'issued' AND NOT sending_overdue";
export const DOCUMENTS_AWAITING_REPLIES =
  "status = 'sent' AND recommendations @? '$[*] ? (@.reply == null && @.replyOverdue == false)'";

/** What one event makes of the row (null before the document was issued): pure, so a rebuild gives the same rows. */
export function nextRow(
  row: ControlDocumentRow | null,
  event: ControlDocumentEvent,
  version: number,
): ControlDocumentRow {
  if (event.type === 'FinalDocumentIssued') {
    const d = event.data;
    return {
      documentId: d.documentId,
      version,
      status: 'issued',
      subjectKind: d.subjectKind,
      subjectId: d.subjectId,
      documentKind: d.documentKind,
      institutionBin: d.institutionBin,
      district: d.district,
      findings: d.findings,
      controlEndedOn: d.controlEndedOn,
      sendDueOn: d.sendDueOn,
      sentAt: null,
      sentOn: null,
      sentLate: null,
      sendingOverdue: false,
      replyDueOn: null,
      calendarUnverified: d.calendarUnverified,
      recommendations: freshRecommendations(d.recommendations),
      hearings: [],
      issuedBy: d.issuedBy,
      issuedAt: d.issuedAt,
    };
  }
  if (!row) throw new Error(`control_documents: ${event.type} before FinalDocumentIssued`);
  const current = { ...row, version };
  switch (event.type) {
    case 'FinalDocumentSent': {
      const { sentAt, sentOn, late, replyDueOn, calendarUnverified } = event.data;
      return {
        ...current,
        status: 'sent',
        sentAt,
        sentOn,
        sentLate: late,
        replyDueOn,
        calendarUnverified: current.calendarUnverified || calendarUnverified,
      };
    }
    case 'DocumentSendingOverdue':
      return { ...current, sendingOverdue: true };
    case 'RecommendationReplied': {
      const { number, ...reply } = event.data;
      return withRecommendation(current, number, (r) => ({ ...r, reply }));
    }
    case 'RecommendationReplyOverdue':
      return withRecommendation(current, event.data.number, (r) => ({ ...r, replyOverdue: true }));
    case 'HearingScheduled': {
      const { hearingId, hearingAt, place, announcedOn, earliestOn, calendarUnverified } = event.data;
      const hearing = { hearingId, hearingAt, place, announcedOn, earliestOn, calendarUnverified };
      return { ...current, hearings: [...current.hearings, hearing] };
    }
    case 'RecommendationEscalated': {
      const { grounds, authority, authorityReference, escalatedAt } = event.data;
      return withRecommendation(current, event.data.number, (r) => ({
        ...r,
        escalation: { grounds, authority, authorityReference, escalatedAt, outcome: null },
      }));
    }
    case 'EscalationOutcomeRecorded': {
      const { liability, protocolNumber, fineId, note, recordedAt } = event.data;
      return withRecommendation(current, event.data.number, (r) => ({
        ...r,
        escalation: r.escalation && {
          ...r.escalation,
          outcome: { liability, protocolNumber, fineId, note, recordedAt },
        },
      }));
    }
  }
}
