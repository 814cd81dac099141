import { ForbiddenError, kazakhstanCalendar, ValidationFailedError } from '@app/domain-kernel';
import { deciderSpec, specCommands } from '@app/domain-kernel/testing';
import type {
  ControlDocumentCommand,
  IssueFinalDocument,
  RecordEscalationOutcome,
  RecordRecommendationReply,
} from './control-document.commands';
import { controlDocumentDecider } from './control-document.decider';
import * as errors from './control-document.errors';
import type {
  ControlDocumentEvent,
  FinalDocumentIssued,
  FinalDocumentSent,
  RecommendationEscalated,
  RecommendationReplied,
} from './control-document.events';
import type { ControlSubjectKind, PublicControlTerms, ReplyPosition } from './control-document.types';

const spec = deciderSpec(controlDocumentDecider);

// ---- the article's clock: the configured periods (7 / 10 / 3 by default) on the one Kazakhstan calendar -------------
const TERMS: PublicControlTerms = {
  calendar: kazakhstanCalendar,
  sendWithinWorkingDays: 7,
  replyWithinWorkingDays: 10,
  hearingNoticeWorkingDays: 3,
};
/** An instant at 10:00 in Almaty (UTC+5 since 2024) on a calendar date. */
const almaty = (day: string, time = '10:00') => new Date(`${day}T${time}:00+05:00`);

const MODERATOR = { id: 'moderator-1', role: 'moderator' };
const OFFICIAL = { id: 'official-1', role: 'official' };
const INSTITUTION_BIN = '123456789013';
const OTHER_BIN = '987654321090';
const DOCUMENT_ID = 'doc-1';

// Control ends on Friday 12 December 2025; 16 December (Tuesday) is Independence Day.
const CONTROL_ENDED_ON = '2025-12-12';
const { command } = specCommands<ControlDocumentCommand>({ now: almaty('2025-12-15'), actor: MODERATOR });

const issueData = (overrides: Partial<IssueFinalDocument['data']> = {}): IssueFinalDocument['data'] => ({
  documentId: DOCUMENT_ID,
  subjectKind: 'report',
  subjectId: 'report-1',
  subjectStatus: 'accepted',
  subjectDistrict: 'Taraz',
  documentKind: 'recommendations',
  institutionBin: INSTITUTION_BIN,
  findings: 'The pothole was patched with cold asphalt twice in a year',
  recommendations: ['Repair with hot asphalt', 'Publish the contract'],
  controlEndedOn: CONTROL_ENDED_ON,
  terms: TERMS,
  ...overrides,
});
const issueFinalDocument = (overrides: Partial<IssueFinalDocument['data']> = {}, now = almaty('2025-12-15')) =>
  command('IssueFinalDocument', issueData(overrides), { now });
const sendFinalDocument = (now: Date, terms = TERMS) => command('SendFinalDocument', { terms }, { now });
const recordReply = (
  now: Date,
  number = 1,
  position: ReplyPosition = 'accepted',
  overrides: Partial<RecordRecommendationReply['data']> = {},
  actor = OFFICIAL,
) =>
  command(
    'RecordRecommendationReply',
    {
      number,
      position,
      reasoning: 'The road is in the 2026 repair plan',
      evidence: ['https://akimat.example/plan.pdf'],
      replyingInstitutionBin: INSTITUTION_BIN,
      ...overrides,
    },
    { now, actor },
  );
const scheduleHearing = (now: Date, hearingAt: string, terms = TERMS) =>
  command('ScheduleHearing', { hearingId: 'hearing-1', hearingAt, place: 'Akimat hall', terms }, { now });
const markOverdue = (now: Date) =>
  command('MarkOverdue', {}, { now, actor: { id: 'overdue-sweep', role: 'operator' } });
const escalate = (now: Date, number = 1) =>
  command(
    'EscalateRecommendation',
    { number, authority: 'Prosecutor of Zhambyl region', authorityReference: 'PR-2026/17' },
    { now },
  );
const recordOutcome = (overrides: Partial<RecordEscalationOutcome['data']> = {}, number = 1) =>
  command(
    'RecordEscalationOutcome',
    { number, liability: true, protocolNumber: 'AP-0042', fineId: 'fine-9', note: '', ...overrides },
    { now: almaty('2026-02-02') },
  );

// ---- history ------------------------------------------------------------------------------------------------------
// 7 working days after Friday 12 December 2025: 15, 17, 18, 19, 22, 23, 24 (the 16th is Independence Day).
const SEND_DUE_ON = '2025-12-24';
const issued: FinalDocumentIssued = {
  type: 'FinalDocumentIssued',
  data: {
    documentId: DOCUMENT_ID,
    subjectKind: 'report',
    subjectId: 'report-1',
    documentKind: 'recommendations',
    institutionBin: INSTITUTION_BIN,
    district: 'Taraz',
    findings: 'The pothole was patched with cold asphalt twice in a year',
    recommendations: [
      { number: 1, text: 'Repair with hot asphalt' },
      { number: 2, text: 'Publish the contract' },
    ],
    controlEndedOn: CONTROL_ENDED_ON,
    sendWithinWorkingDays: 7,
    sendDueOn: SEND_DUE_ON,
    calendarUnverified: false,
    issuedBy: MODERATOR.id,
    issuedAt: almaty('2025-12-15').toISOString(),
  },
};
// Sent on Friday 26 December: 10 working days run 29, 30, 31 Dec, 5, 6, 8, 9, 12, 13, 14 January (1-2 January are
// New Year, 3-4 a weekend, 7 January Orthodox Christmas).
const SENT_AT = almaty('2025-12-26');
const REPLY_DUE_ON = '2026-01-14';
const sent: FinalDocumentSent = {
  type: 'FinalDocumentSent',
  data: {
    sentAt: SENT_AT.toISOString(),
    sentOn: '2025-12-26',
    late: true,
    replyWithinWorkingDays: 10,
    replyDueOn: REPLY_DUE_ON,
    calendarUnverified: false,
  },
};
const replied = (number: number, position: ReplyPosition, late = false): RecommendationReplied => ({
  type: 'RecommendationReplied',
  data: {
    number,
    position,
    reasoning: 'The road is in the 2026 repair plan',
    evidence: [],
    repliedBy: OFFICIAL.id,
    repliedAt: almaty('2026-01-12').toISOString(),
    repliedOn: '2026-01-12',
    late,
  },
});
const escalated: RecommendationEscalated = {
  type: 'RecommendationEscalated',
  data: {
    number: 1,
    grounds: 'unanswered',
    authority: 'Prosecutor of Zhambyl region',
    authorityReference: 'PR-2026/17',
    escalatedBy: MODERATOR.id,
    escalatedAt: almaty('2026-01-15').toISOString(),
  },
};
const SENT: ControlDocumentEvent[] = [issued, sent];
/** The sweep's mark on recommendation 1, left unanswered past its reply deadline. */
const firstReplyOverdue: ControlDocumentEvent = {
  type: 'RecommendationReplyOverdue',
  data: { number: 1, replyDueOn: REPLY_DUE_ON, markedAt: '' },
};

describe('control document: issuing the final document', () => {
  it('issues it for an accepted report, numbering the recommendations and counting 7 working days past a holiday', () => {
    spec.given([]).when(issueFinalDocument()).then([issued]);
  });

  it('counts the configured period, not a constant: 5 working days end on 22 December', () => {
    spec
      .given([])
      .when(issueFinalDocument({ terms: { ...TERMS, sendWithinWorkingDays: 5 } }))
      .thenState((s) => expect(s.sendDueOn).toBe('2025-12-22'));
  });

  it('flags a deadline counted into a year the calendar has not verified (control ending 28 December 2026)', () => {
    spec
      .given([])
      .when(issueFinalDocument({ controlEndedOn: '2026-12-28' }, almaty('2026-12-29')))
      .then(
        [
          {
            ...issued,
            data: {
              ...issued.data,
              controlEndedOn: '2026-12-28',
              sendDueOn: '2027-01-11',
              calendarUnverified: true,
              issuedAt: almaty('2026-12-29').toISOString(),
            },
          },
        ],
        (s) => expect(s.calendarUnverified).toBe(true),
      );
  });

  /** Issuing the document on a subject of that kind, in that status. */
  const issuingOn = (subjectKind: ControlSubjectKind, subjectStatus: string) =>
    spec.given([]).when(issueFinalDocument({ subjectKind, subjectStatus }));

  it.each([
    ['report', 'resolved'],
    ['raid', 'conducted'],
    ['raid', 'closed'],
  ] as const)('accepts a %s that is %s', (subjectKind, subjectStatus) =>
    issuingOn(subjectKind, subjectStatus).thenState((s) => expect(s.status).toBe('issued')),
  );

  it.each([
    ['report', 'submitted'],
    ['report', 'under_review'],
    ['report', 'rejected'],
    ['raid', 'planned'],
  ] as const)('refuses a %s that is %s: control was not exercised', (subjectKind, subjectStatus) =>
    issuingOn(subjectKind, subjectStatus).thenThrows(errors.SubjectNotControlledError, {
      details: expect.objectContaining({ field: 'subjectId', subjectStatus }),
    }),
  );

  it.each([
    ['institutionBin', { institutionBin: '123456789012' }],
    ['findings', { findings: '   ' }],
    ['recommendations', { recommendations: [] }],
    ['recommendations[1]', { recommendations: ['Repair', ' '] }],
    ['controlEndedOn', { controlEndedOn: '2025-12-16' }],
    ['controlEndedOn', { controlEndedOn: '12.12.2025' }],
  ] as const)('refuses a bad %s naming it', (field, overrides) => {
    spec
      .given([])
      .when(issueFinalDocument(overrides as Partial<IssueFinalDocument['data']>))
      .thenThrows(ValidationFailedError, { field });
  });

  it('is issued once', () => {
    spec
      .given([issued])
      .when(issueFinalDocument())
      .thenThrows(errors.IllegalControlDocumentStepError, {
        details: { status: 'issued', command: 'IssueFinalDocument' },
      });
  });
});

describe('control document: sending it', () => {
  it('sent on its due day it is on time, and the reply is due 10 working days later (across the New Year)', () => {
    spec
      .given([issued])
      .when(sendFinalDocument(almaty(SEND_DUE_ON, '23:30')))
      .then([
        {
          type: 'FinalDocumentSent',
          data: {
            sentAt: almaty(SEND_DUE_ON, '23:30').toISOString(),
            sentOn: SEND_DUE_ON,
            late: false,
            replyWithinWorkingDays: 10,
            // 25, 26, 29, 30, 31 December, 5, 6, 8, 9, 12 January.
            replyDueOn: '2026-01-12',
            calendarUnverified: false,
          },
        },
      ]);
  });

  it('sent after its due day (Almaty date) it is late', () => {
    spec.given([issued]).when(sendFinalDocument(SENT_AT)).then([sent]);
  });

  it('counts the day by Almaty, not UTC: 00:30 on the 25th in Almaty is the 24th in UTC, and late', () => {
    spec
      .given([issued])
      .when(sendFinalDocument(almaty('2025-12-25', '00:30')))
      .thenState((s) => expect(s.status).toBe('sent'));
    expect(
      controlDocumentDecider.decide(sendFinalDocument(almaty('2025-12-25', '00:30')), fold([issued]))[0],
    ).toMatchObject({
      data: { sentOn: '2025-12-25', late: true },
    });
  });

  it('is sent once, and not before it is issued', () => {
    spec.given(SENT).when(sendFinalDocument(SENT_AT)).thenThrows(errors.IllegalControlDocumentStepError);
    spec.given([]).when(sendFinalDocument(SENT_AT)).thenThrows(errors.IllegalControlDocumentStepError);
  });
});

describe('control document: replies to recommendations', () => {
  it('records a reasoned reply by an official of the institution, on time on the due day', () => {
    spec
      .given(SENT)
      .when(recordReply(almaty(REPLY_DUE_ON, '18:00'), 2, 'partly_accepted'))
      .then([
        {
          type: 'RecommendationReplied',
          data: {
            number: 2,
            position: 'partly_accepted',
            reasoning: 'The road is in the 2026 repair plan',
            evidence: ['https://akimat.example/plan.pdf'],
            repliedBy: OFFICIAL.id,
            repliedAt: almaty(REPLY_DUE_ON, '18:00').toISOString(),
            repliedOn: REPLY_DUE_ON,
            late: false,
          },
        },
      ]);
  });

  it('a reply the day after the deadline is late', () => {
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-15'), 1, 'refused'))
      .thenState((s) =>
        expect(s.recommendations[0].reply).toEqual({ position: 'refused', repliedOn: '2026-01-15', late: true }),
      );
  });

  it('refuses an official of another institution, and anyone but an official', () => {
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-05'), 1, 'accepted', { replyingInstitutionBin: OTHER_BIN }))
      .thenThrows(errors.NotTheAddresseeError);
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-05'), 1, 'accepted', { replyingInstitutionBin: null }))
      .thenThrows(ForbiddenError);
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-05'), 1, 'accepted', {}, MODERATOR))
      .thenThrows(errors.NotTheAddresseeError);
  });

  it('needs its reasons, names the recommendation it does not know, and takes one reply each', () => {
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-05'), 1, 'refused', { reasoning: ' ' }))
      .thenThrows(ValidationFailedError, { field: 'reasoning' });
    spec
      .given(SENT)
      .when(recordReply(almaty('2026-01-05'), 3))
      .thenThrows(errors.RecommendationNotFoundError, { details: { resource: 'Recommendation', id: 'doc-1#3' } });
    spec
      .given([...SENT, replied(1, 'accepted')])
      .when(recordReply(almaty('2026-01-13')))
      .thenThrows(errors.RecommendationAlreadyRepliedError);
  });

  it('is not taken before the document was sent', () => {
    spec
      .given([issued])
      .when(recordReply(almaty('2025-12-20')))
      .thenThrows(errors.IllegalControlDocumentStepError, { details: { status: 'issued' } });
  });
});

describe('control document: hearings', () => {
  it('takes a hearing 3 working days after the announcement, past Nauryz and its carried-over days off', () => {
    // Announced Friday 20 March 2026: 21-23 Nauryz (Sat-Mon), carried over to 24 and 25; 26, 27, 30 count.
    spec
      .given(SENT)
      .when(scheduleHearing(almaty('2026-03-20'), '2026-03-30T15:00:00+05:00'))
      .then([
        {
          type: 'HearingScheduled',
          data: {
            hearingId: 'hearing-1',
            hearingAt: '2026-03-30T10:00:00.000Z',
            hearingOn: '2026-03-30',
            place: 'Akimat hall',
            announcedAt: almaty('2026-03-20').toISOString(),
            announcedOn: '2026-03-20',
            noticeWorkingDays: 3,
            earliestOn: '2026-03-30',
            calendarUnverified: false,
          },
        },
      ]);
  });

  it('refuses a shorter notice naming hearingAt and the earliest day', () => {
    spec
      .given(SENT)
      .when(scheduleHearing(almaty('2026-03-20'), '2026-03-27T15:00:00+05:00'))
      .thenThrows(errors.HearingNoticeTooShortError, {
        field: 'hearingAt',
        details: expect.objectContaining({ earliestOn: '2026-03-30', noticeWorkingDays: 3 }),
      });
  });

  it('takes the notice from configuration: with 1 working day, Thursday the 26th will do', () => {
    spec
      .given(SENT)
      .when(
        scheduleHearing(almaty('2026-03-20'), '2026-03-26T15:00:00+05:00', { ...TERMS, hearingNoticeWorkingDays: 1 }),
      )
      .thenState((s) => expect(s.hearingIds).toEqual(['hearing-1']));
  });

  it('may be held before the document is sent, but not for a document never issued', () => {
    spec
      .given([issued])
      .when(scheduleHearing(almaty('2025-12-15'), '2025-12-19T15:00:00+05:00'))
      .thenState((s) => expect(s.hearingIds).toEqual(['hearing-1']));
    spec
      .given([])
      .when(scheduleHearing(almaty('2025-12-15'), '2025-12-19T15:00:00+05:00'))
      .thenThrows(errors.IllegalControlDocumentStepError);
  });
});

describe('control document: overdue', () => {
  it('the sending is overdue the day after its due day, once', () => {
    spec
      .given([issued])
      .when(markOverdue(almaty(SEND_DUE_ON, '23:59')))
      .then([]);
    spec
      .given([issued])
      .when(markOverdue(almaty('2025-12-25')))
      .then([
        {
          type: 'DocumentSendingOverdue',
          data: { sendDueOn: SEND_DUE_ON, markedAt: almaty('2025-12-25').toISOString() },
        },
      ]);
    spec
      .given([issued, { type: 'DocumentSendingOverdue', data: { sendDueOn: SEND_DUE_ON, markedAt: '' } }])
      .when(markOverdue(almaty('2025-12-26')))
      .then([]);
  });

  it('every unanswered recommendation is overdue after the reply deadline, once; an answered one is not', () => {
    const at = almaty('2026-01-15');
    spec
      .given([...SENT, replied(2, 'accepted')])
      .when(markOverdue(almaty(REPLY_DUE_ON, '23:00')))
      .then([]);
    spec
      .given([...SENT, replied(2, 'accepted')])
      .when(markOverdue(at))
      .then([
        {
          type: 'RecommendationReplyOverdue',
          data: { number: 1, replyDueOn: REPLY_DUE_ON, markedAt: at.toISOString() },
        },
      ]);
    spec
      .given([...SENT, firstReplyOverdue, replied(2, 'refused')])
      .when(markOverdue(almaty('2026-01-20')))
      .then([]);
  });

  it('a late reply after being marked overdue is still recorded, and late', () => {
    spec
      .given([...SENT, firstReplyOverdue])
      .when(recordReply(almaty('2026-01-20')))
      .thenState((s) => expect(s.recommendations[0]).toMatchObject({ replyOverdue: true, reply: { late: true } }));
  });
});

describe('control document: escalation and its outcome', () => {
  it('escalates an unanswered recommendation past its deadline to an authorised body under its reference', () => {
    spec
      .given(SENT)
      .when(escalate(almaty('2026-01-15')))
      .then([escalated]);
  });

  it('escalates one the sweep marked overdue, whatever the time of the escalation', () => {
    spec
      .given([...SENT, firstReplyOverdue])
      .when(escalate(almaty('2026-01-05')))
      .thenState((s) => expect(s.recommendations[0].escalation).toMatchObject({ grounds: 'unanswered' }));
  });

  it('escalates a refused one at once', () => {
    spec
      .given([...SENT, replied(2, 'refused')])
      .when(escalate(almaty('2026-01-12'), 2))
      .thenState((s) =>
        expect(s.recommendations[1].escalation).toMatchObject({ grounds: 'refused', authorityReference: 'PR-2026/17' }),
      );
  });

  it('does not escalate one still within its deadline, one accepted, or one escalated already', () => {
    spec
      .given(SENT)
      .when(escalate(almaty(REPLY_DUE_ON)))
      .thenThrows(errors.NotEscalatableError, { details: expect.objectContaining({ number: 1 }) });
    spec
      .given([...SENT, replied(1, 'partly_accepted')])
      .when(escalate(almaty('2026-01-20')))
      .thenThrows(errors.NotEscalatableError);
    spec
      .given([...SENT, escalated])
      .when(escalate(almaty('2026-01-20')))
      .thenThrows(errors.AlreadyEscalatedError);
    spec
      .given(SENT)
      .when(escalate(almaty('2026-01-20'), 9))
      .thenThrows(errors.RecommendationNotFoundError);
  });

  it('records liability with its protocol number and fine, once', () => {
    spec
      .given([...SENT, escalated])
      .when(recordOutcome())
      .then(
        [
          {
            type: 'EscalationOutcomeRecorded',
            data: {
              number: 1,
              liability: true,
              protocolNumber: 'AP-0042',
              fineId: 'fine-9',
              note: '',
              recordedBy: MODERATOR.id,
              recordedAt: almaty('2026-02-02').toISOString(),
            },
          },
        ],
        (s) =>
          expect(s.recommendations[0].escalation?.outcome).toEqual({
            liability: true,
            protocolNumber: 'AP-0042',
            fineId: 'fine-9',
          }),
      );
  });

  it('records no liability without a protocol or fine', () => {
    spec
      .given([...SENT, escalated])
      .when(recordOutcome({ liability: false, protocolNumber: null, fineId: null, note: 'No offence found' }))
      .thenState((s) =>
        expect(s.recommendations[0].escalation?.outcome).toEqual({
          liability: false,
          protocolNumber: null,
          fineId: null,
        }),
      );
  });

  it.each([
    ['protocolNumber', { liability: true, protocolNumber: null }],
    ['protocolNumber', { liability: false, protocolNumber: 'AP-1', fineId: null }],
    ['fineId', { liability: false, protocolNumber: null, fineId: 'fine-1' }],
  ] as const)('refuses an outcome with a bad %s', (field, overrides) => {
    spec
      .given([...SENT, escalated])
      .when(recordOutcome(overrides))
      .thenThrows(ValidationFailedError, { field });
  });

  it('needs an escalation first, and takes one outcome', () => {
    spec.given(SENT).when(recordOutcome()).thenThrows(errors.NotEscalatedError);
    const outcome: ControlDocumentEvent = {
      type: 'EscalationOutcomeRecorded',
      data: {
        number: 1,
        liability: false,
        protocolNumber: null,
        fineId: null,
        note: '',
        recordedBy: 'm',
        recordedAt: '',
      },
    };
    spec
      .given([...SENT, escalated, outcome])
      .when(recordOutcome())
      .thenThrows(errors.OutcomeAlreadyRecordedError);
  });
});

function fold(history: ControlDocumentEvent[]) {
  return history.reduce(controlDocumentDecider.evolve, controlDocumentDecider.initialState());
}
