import 'reflect-metadata';
import { itPublishesEachAsAValidContract, publishedForm } from '../../../test/support/published-events';
import type { FineEvent } from './domain/fine.events';
import { finesPublished } from './fines.published';

const ID = '6f1c3c57-8c1e-4b8e-9a59-2f3f1f0f7a11';
const AT = '2026-03-04T05:00:00.000Z';

/** One stored event of every type fines records, as the decider produces them. */
const EVERY_EVENT: FineEvent[] = [
  {
    type: 'FineIssued',
    data: {
      fineId: ID,
      offenceId: ID,
      offenceType: 'vehicle_overload',
      legalReference: 'CAO RK',
      offenderCategory: 'individual',
      offenderIinHmacSha256: 'a'.repeat(64),
      offenderIinKeyId: 'pd1',
      offenderBin: null,
      offenderPersonalData: { heldBy: 'fines', subjectId: ID },
      committedAt: AT,
      place: 'A-2 km 12',
      district: 'Taraz',
      raidId: ID,
      caseId: null,
      evidence: ['https://e.example/1.jpg'],
      mciMultiples: 15,
      mciTiyn: 432_500,
      mciEffectiveFrom: '2026-01-01',
      amountTiyn: 6_487_500,
      discountAmountTiyn: 3_243_750,
      discountDeadline: '2026-03-16',
      dueDate: '2026-04-03',
      issuedAt: AT,
    },
  },
  {
    type: 'FinePaid',
    data: {
      fineId: ID,
      paymentId: 'p-1',
      amountTiyn: 3_243_750,
      district: 'Taraz',
      paidAt: AT,
      balanceTiyn: 0,
      discountApplied: true,
    },
  },
  { type: 'FineAppealed', data: { reason: 'not me', appealedAt: AT } },
  {
    type: 'AppealDecided',
    data: { decision: 'reduced', reason: 'first offence', amountTiyn: 1_000_000, dueDate: '2026-04-19', decidedAt: AT },
  },
  {
    type: 'AppealDecided',
    data: { decision: 'cancelled', reason: 'wrong plate', amountTiyn: 6_487_500, dueDate: null, decidedAt: AT },
  },
  { type: 'FineOverdue', data: { dueDate: '2026-04-03', balanceTiyn: 6_487_500 } },
  { type: 'FineSentToEnforcement', data: { dueDate: '2026-04-03', balanceTiyn: 6_487_500, graceDays: 30, sentAt: AT } },
];

const publicPayload = (event: FineEvent) => publishedForm(finesPublished, event);

describe('finesPublished', () => {
  itPublishesEachAsAValidContract(finesPublished, EVERY_EVENT, (type) => (type === 'FineIssued' ? 2 : 1));

  it("publishes the IIN's keyed digest with its key id, not where fines keeps the personal data", () => {
    const { payload } = publicPayload(EVERY_EVENT[0]);
    expect(payload).not.toHaveProperty('offenderPersonalData');
    expect(payload).toMatchObject({
      offenderIinHmacSha256: 'a'.repeat(64),
      offenderIinKeyId: 'pd1',
      amountTiyn: 6_487_500,
    });
  });

  it('publishes FinePaid exactly as FinePaidV1, what budgets books as revenue', () => {
    expect(publicPayload(EVERY_EVENT[1]).payload).toEqual({
      fineId: ID,
      amountTiyn: 3_243_750,
      district: 'Taraz',
      paidAt: AT,
    });
  });

  it('keeps appeal reasons in the service', () => {
    expect(publicPayload(EVERY_EVENT[2]).payload).toEqual({ appealedAt: AT });
    expect(publicPayload(EVERY_EVENT[3]).payload).not.toHaveProperty('reason');
  });
});
