import 'reflect-metadata';
import { validateContract } from '@app/contracts';
import { itPublishesEachAsAValidContract } from '../../../test/support/published-events';
import { controlDocumentPublished } from './control-document.published';
import type { ControlDocumentEvent } from './domain/control-document.events';
import { monitoringPublished } from './monitoring.published';

const ID = '6f1c3c57-8c1e-4b8e-9a59-2f3f1f0f7a11';
const AT = '2026-01-12T05:00:00.000Z';

/** One stored event of every type a final document records, as the decider produces them. */
const EVERY_EVENT: ControlDocumentEvent[] = [
  {
    type: 'FinalDocumentIssued',
    data: {
      documentId: ID,
      subjectKind: 'report',
      subjectId: ID,
      documentKind: 'recommendations',
      institutionBin: '123456789013',
      district: 'Taraz',
      findings: 'Patched twice',
      recommendations: [{ number: 1, text: 'Repair with hot asphalt' }],
      controlEndedOn: '2025-12-12',
      sendWithinWorkingDays: 7,
      sendDueOn: '2025-12-24',
      calendarUnverified: false,
      issuedBy: 'moderator-1',
      issuedAt: AT,
    },
  },
  {
    type: 'FinalDocumentSent',
    data: {
      sentAt: AT,
      sentOn: '2026-01-12',
      late: true,
      replyWithinWorkingDays: 10,
      replyDueOn: '2026-01-26',
      calendarUnverified: false,
    },
  },
  { type: 'DocumentSendingOverdue', data: { sendDueOn: '2025-12-24', markedAt: AT } },
  {
    type: 'RecommendationReplied',
    data: {
      number: 1,
      position: 'refused',
      reasoning: 'No money this year',
      evidence: ['https://akimat.example/letter.pdf'],
      repliedBy: 'official-1',
      repliedAt: AT,
      repliedOn: '2026-01-12',
      late: false,
    },
  },
  { type: 'RecommendationReplyOverdue', data: { number: 1, replyDueOn: '2026-01-26', markedAt: AT } },
  {
    type: 'HearingScheduled',
    data: {
      hearingId: ID,
      hearingAt: AT,
      hearingOn: '2026-01-12',
      place: 'Akimat hall',
      announcedAt: AT,
      announcedOn: '2026-01-06',
      noticeWorkingDays: 3,
      earliestOn: '2026-01-09',
      calendarUnverified: false,
    },
  },
  {
    type: 'RecommendationEscalated',
    data: {
      number: 1,
      grounds: 'refused',
      authority: 'Prosecutor of Zhambyl region',
      authorityReference: 'PR-2026/17',
      escalatedBy: 'moderator-1',
      escalatedAt: AT,
    },
  },
  {
    type: 'EscalationOutcomeRecorded',
    data: {
      number: 1,
      liability: true,
      protocolNumber: 'AP-0042',
      fineId: null,
      note: '',
      recordedBy: 'moderator-1',
      recordedAt: AT,
    },
  },
];

describe('controlDocumentPublished', () => {
  it('lists every event type a final document records, and monitoring publishes them all', () => {
    expect(controlDocumentPublished.map((p) => p.eventType)).toEqual(EVERY_EVENT.map((e) => e.type));
    expect(monitoringPublished).toEqual(expect.arrayContaining(controlDocumentPublished));
  });

  itPublishesEachAsAValidContract(controlDocumentPublished, EVERY_EVENT, () => 1);

  it('refuses a reply without reasons and an escalation outcome without a whole number', () => {
    const replied = EVERY_EVENT[3];
    const contract = controlDocumentPublished.find((p) => p.eventType === 'RecommendationReplied')!.contract;
    expect(() => validateContract(contract, { ...replied.data, reasoning: '' })).toThrow();
    expect(() => validateContract(contract, { ...replied.data, number: 0 })).toThrow();
  });
});
