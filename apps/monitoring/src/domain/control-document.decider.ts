import {
  almatyDate,
  decideByType,
  evolveByType,
  statusGuard,
  pick,
  isValidBin,
  ValidationFailedError,
  type Decider,
} from '@app/domain-kernel';
import type { ControlDocumentCommand } from './control-document.commands';
import {
  AlreadyEscalatedError,
  HearingNoticeTooShortError,
  IllegalControlDocumentStepError,
  NotEscalatableError,
  NotEscalatedError,
  NotTheAddresseeError,
  OutcomeAlreadyRecordedError,
  RecommendationAlreadyRepliedError,
  RecommendationNotFoundError,
  SubjectNotControlledError,
} from './control-document.errors';
import type { ControlDocumentEvent } from './control-document.events';
import {
  freshRecommendations,
  initialControlDocumentState,
  withRecommendation,
  type ControlDocumentState,
  type RecommendationState,
} from './control-document.state';
import type { ControlSubjectKind } from './control-document.types';

/** The subject statuses that mean control was exercised: the club accepted the report, or the raid took place. */
const CONTROLLED: Record<ControlSubjectKind, readonly string[]> = {
  report: ['accepted', 'resolved'],
  raid: ['conducted', 'closed'],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const requireStatus = statusGuard(IllegalControlDocumentStepError);

function requireText(field: string, value: string): void {
  if (value.trim().length === 0) throw new ValidationFailedError(field, `${field} must not be blank`);
}

function recommendation(s: ControlDocumentState, number: number): RecommendationState {
  const found = s.recommendations.find((r) => r.number === number);
  if (!found) throw new RecommendationNotFoundError(s.documentId, number);
  return found;
}

const decide = decideByType<ControlDocumentState, ControlDocumentCommand, ControlDocumentEvent>({
  /** Art. 13: the final document must reach the object of control within the configured working days after control ends. */
  IssueFinalDocument(c, s) {
    requireStatus(c, s, 'none');
    const d = c.data;
    const allowed = CONTROLLED[d.subjectKind];
    if (!allowed.includes(d.subjectStatus)) {
      throw new SubjectNotControlledError(d.subjectKind, d.subjectId, d.subjectStatus, allowed);
    }
    if (!isValidBin(d.institutionBin)) {
      throw new ValidationFailedError('institutionBin', 'institutionBin must be a valid 12-digit BIN');
    }
    requireText('findings', d.findings);
    if (d.recommendations.length === 0) {
      throw new ValidationFailedError('recommendations', 'recommendations must list at least one recommendation');
    }
    d.recommendations.forEach((text, i) => requireText(`recommendations[${i}]`, text));
    const today = almatyDate(c.metadata.now);
    if (!DATE.test(d.controlEndedOn) || d.controlEndedOn > today) {
      throw new ValidationFailedError('controlEndedOn', `controlEndedOn must be a date no later than today (${today})`);
    }
    const due = d.terms.calendar.addWorkingDays(d.controlEndedOn, d.terms.sendWithinWorkingDays);
    return [
      {
        type: 'FinalDocumentIssued',
        data: {
          documentId: d.documentId,
          subjectKind: d.subjectKind,
          subjectId: d.subjectId,
          documentKind: d.documentKind,
          institutionBin: d.institutionBin,
          district: d.subjectDistrict,
          findings: d.findings,
          recommendations: d.recommendations.map((text, i) => ({ number: i + 1, text })),
          controlEndedOn: d.controlEndedOn,
          sendWithinWorkingDays: d.terms.sendWithinWorkingDays,
          sendDueOn: due.day,
          calendarUnverified: due.calendarUnverified,
          issuedBy: c.metadata.actor.id,
          issuedAt: c.metadata.now.toISOString(),
        },
      },
    ];
  },

  /** Sent after its deadline it is still sent, and says so; the reply clock starts on the day it was sent. */
  SendFinalDocument(c, s) {
    requireStatus(c, s, 'issued');
    const sentOn = almatyDate(c.metadata.now);
    const due = c.data.terms.calendar.addWorkingDays(sentOn, c.data.terms.replyWithinWorkingDays);
    return [
      {
        type: 'FinalDocumentSent',
        data: {
          sentAt: c.metadata.now.toISOString(),
          sentOn,
          late: sentOn > s.sendDueOn!,
          replyWithinWorkingDays: c.data.terms.replyWithinWorkingDays,
          replyDueOn: due.day,
          calendarUnverified: due.calendarUnverified,
        },
      },
    ];
  },

  /** A reasoned reply to one recommendation, by an official of the institution it is addressed to; late if past due. */
  RecordRecommendationReply(c, s) {
    requireStatus(c, s, 'sent');
    const r = recommendation(s, c.data.number);
    const { actor, now } = c.metadata;
    if (actor.role !== 'official' || c.data.replyingInstitutionBin !== s.institutionBin) {
      throw new NotTheAddresseeError(actor.id, s.institutionBin);
    }
    if (r.reply) throw new RecommendationAlreadyRepliedError(r.number);
    requireText('reasoning', c.data.reasoning);
    const repliedOn = almatyDate(now);
    return [
      {
        type: 'RecommendationReplied',
        data: {
          number: r.number,
          position: c.data.position,
          reasoning: c.data.reasoning,
          evidence: c.data.evidence,
          repliedBy: actor.id,
          repliedAt: now.toISOString(),
          repliedOn,
          late: repliedOn > s.replyDueOn!,
        },
      },
    ];
  },

  /** The hearing may be held no earlier than the configured working days after the day it is announced. */
  ScheduleHearing(c, s) {
    requireStatus(c, s, 'issued', 'sent');
    requireText('place', c.data.place);
    const announcedOn = almatyDate(c.metadata.now);
    const hearingOn = almatyDate(new Date(c.data.hearingAt));
    const notice = c.data.terms.hearingNoticeWorkingDays;
    const earliest = c.data.terms.calendar.addWorkingDays(announcedOn, notice);
    if (hearingOn < earliest.day) throw new HearingNoticeTooShortError(hearingOn, earliest.day, notice);
    return [
      {
        type: 'HearingScheduled',
        data: {
          hearingId: c.data.hearingId,
          hearingAt: new Date(c.data.hearingAt).toISOString(),
          hearingOn,
          place: c.data.place,
          announcedAt: c.metadata.now.toISOString(),
          announcedOn,
          noticeWorkingDays: notice,
          earliestOn: earliest.day,
          calendarUnverified: earliest.calendarUnverified,
        },
      },
    ];
  },

  /** Past a deadline, once each: the sending, then every recommendation still unanswered. Nothing due, nothing said. */
  MarkOverdue(c, s) {
    const today = almatyDate(c.metadata.now);
    const markedAt = c.metadata.now.toISOString();
    if (s.status === 'issued' && !s.sendingOverdue && today > s.sendDueOn!) {
      return [{ type: 'DocumentSendingOverdue', data: { sendDueOn: s.sendDueOn!, markedAt } }];
    }
    if (s.status !== 'sent' || today <= s.replyDueOn!) return [];
    return s.recommendations
      .filter((r) => !r.reply && !r.replyOverdue)
      .map((r) => ({
        type: 'RecommendationReplyOverdue' as const,
        data: { number: r.number, replyDueOn: s.replyDueOn!, markedAt },
      }));
  },

  /** To an authorised body (a prosecutor's office, an audit chamber) under its reference: refused, or unanswered past due. */
  EscalateRecommendation(c, s) {
    requireStatus(c, s, 'sent');
    const r = recommendation(s, c.data.number);
    if (r.escalation) throw new AlreadyEscalatedError(r.number);
    requireText('authority', c.data.authority);
    requireText('authorityReference', c.data.authorityReference);
    let grounds: 'refused' | 'unanswered';
    if (r.reply?.position === 'refused') grounds = 'refused';
    else if (r.reply) throw new NotEscalatableError(r.number, `it was answered (${r.reply.position})`);
    // Marked overdue by the sweep, or past the deadline now: either way the institution did not answer in time.
    else if (r.replyOverdue || almatyDate(c.metadata.now) > s.replyDueOn!) grounds = 'unanswered';
    else throw new NotEscalatableError(r.number, `its reply is due by ${s.replyDueOn}`);
    return [
      {
        type: 'RecommendationEscalated',
        data: {
          number: r.number,
          grounds,
          authority: c.data.authority,
          authorityReference: c.data.authorityReference,
          escalatedBy: c.metadata.actor.id,
          escalatedAt: c.metadata.now.toISOString(),
        },
      },
    ];
  },

  /** What the authorised body decided: liability (its protocol number, the fine if one was issued) or none. */
  RecordEscalationOutcome(c, s) {
    requireStatus(c, s, 'sent');
    const r = recommendation(s, c.data.number);
    if (!r.escalation) throw new NotEscalatedError(r.number);
    if (r.escalation.outcome) throw new OutcomeAlreadyRecordedError(r.number);
    const { liability, protocolNumber, fineId } = c.data;
    if (liability) requireText('protocolNumber', protocolNumber ?? '');
    else if (protocolNumber !== null || fineId !== null) {
      const field = protocolNumber !== null ? 'protocolNumber' : 'fineId';
      throw new ValidationFailedError(field, `${field} is only for an outcome with liability`);
    }
    return [
      {
        type: 'EscalationOutcomeRecorded',
        data: {
          number: r.number,
          liability,
          protocolNumber,
          fineId,
          note: c.data.note,
          recordedBy: c.metadata.actor.id,
          recordedAt: c.metadata.now.toISOString(),
        },
      },
    ];
  },
});

const evolve = evolveByType<ControlDocumentState, ControlDocumentEvent>({
  FinalDocumentIssued: (state, d) => ({
    ...state,
    status: 'issued',
    ...pick(d, 'documentId', 'institutionBin', 'sendDueOn', 'calendarUnverified'),
    recommendations: freshRecommendations(d.recommendations),
  }),
  FinalDocumentSent: (state, d) => ({
    ...state,
    status: 'sent',
    replyDueOn: d.replyDueOn,
    calendarUnverified: state.calendarUnverified || d.calendarUnverified,
  }),
  DocumentSendingOverdue: (state) => ({ ...state, sendingOverdue: true }),
  RecommendationReplied: (state, { number, position, repliedOn, late }) =>
    withRecommendation(state, number, (r) => ({ ...r, reply: { position, repliedOn, late } })),
  RecommendationReplyOverdue: (state, d) => withRecommendation(state, d.number, (r) => ({ ...r, replyOverdue: true })),
  HearingScheduled: (state, d) => ({
    ...state,
    hearingIds: [...state.hearingIds, d.hearingId],
    calendarUnverified: state.calendarUnverified || d.calendarUnverified,
  }),
  RecommendationEscalated: (state, { number, grounds, authority, authorityReference }) =>
    withRecommendation(state, number, (r) => ({
      ...r,
      escalation: { grounds, authority, authorityReference, outcome: null },
    })),
  EscalationOutcomeRecorded: (state, { number, liability, protocolNumber, fineId }) =>
    withRecommendation(state, number, (r) => ({
      ...r,
      escalation: r.escalation && { ...r.escalation, outcome: { liability, protocolNumber, fineId } },
    })),
});

export const controlDocumentDecider: Decider<ControlDocumentState, ControlDocumentCommand, ControlDocumentEvent> = {
  initialState: initialControlDocumentState,
  decide,
  evolve,
};
