import 'reflect-metadata';
import { itPublishesEachAsAValidContract, publishedForm } from '../../../test/support/published-events';
import type { RaidEvent } from './domain/raid.events';
import type { ReportEvent } from './domain/report.events';
import { monitoringPublished } from './monitoring.published';

const ROAD = {
  location: { lat: 42.9, lon: 71.3667 },
  district: 'Taraz',
  address: 'Tole bi 12',
  defectType: 'pothole' as const,
  photos: ['https://p.example/1.jpg'],
};
const BUDGET = {
  institutionBin: '123456789012',
  programmeCode: '001',
  fiscalYear: 2020,
  doubt: 'Paid twice',
  amountInQuestionTiyn: 12_500_000,
};
const ID = '6f1c3c57-8c1e-4b8e-9a59-2f3f1f0f7a11';
const AT = '2020-03-16T05:00:00.000Z';

/** One stored event of every type monitoring records, as the deciders produce them. */
const EVERY_EVENT: Array<ReportEvent | RaidEvent> = [
  {
    type: 'ReportSubmitted',
    data: {
      reportId: ID,
      kind: 'road_defect',
      reporterId: 'citizen-1',
      hasContact: true,
      description: 'Pothole',
      road: ROAD,
      submittedAt: AT,
    },
  },
  { type: 'ReviewStarted', data: { moderatorId: 'moderator-1' } },
  { type: 'ReportAccepted', data: { moderatorId: 'moderator-1', meetingDate: '2020-03-19', forwardedTo: 'budgets' } },
  { type: 'ReportForwarded', data: { reportId: ID, kind: 'budget_execution', description: '', ...BUDGET } },
  {
    type: 'ReportRejected',
    data: { moderatorId: 'moderator-1', meetingDate: '2020-03-19', reason: 'Outside the region' },
  },
  { type: 'ReportMarkedDuplicate', data: { moderatorId: 'moderator-1', meetingDate: '2020-03-19', duplicateOf: ID } },
  { type: 'ReportCaseLinked', data: { caseId: 'case-1' } },
  { type: 'ReportResolved', data: { outcome: 'fixed', reason: null, caseId: 'case-1', source: 'road-cases' } },
  { type: 'ReportReopened', data: { reason: 'back', byReporter: true, reopenCount: 1 } },
  {
    type: 'RaidPlanned',
    data: { raidId: ID, title: 'Trucks', district: 'Taraz', plannedFor: AT, plannedBy: 'moderator-1' },
  },
  { type: 'RaidConducted', data: { participants: ['moderator-1'], conductedAt: AT } },
  {
    type: 'DefectFound',
    data: {
      raidId: ID,
      defectId: ID,
      location: ROAD.location,
      district: 'Taraz',
      address: 'A-2 km 12',
      defectType: 'rutting',
      description: '',
    },
  },
  {
    type: 'OffenceRecorded',
    data: {
      raidId: ID,
      offenceId: ID,
      offenceType: 'truck_overload',
      offenderCategory: 'individual',
      offenderIinHmacSha256: 'a'.repeat(64),
      offenderIinKeyId: 'pd1',
      offenderBin: null,
      place: 'A-2 km 12',
      committedAt: AT,
      evidence: ['https://e.example/1.jpg'],
    },
  },
  { type: 'RaidClosed', data: { summary: '', closedAt: AT, defectsFound: 1, offencesRecorded: 1 } },
];

const publicPayload = (event: ReportEvent | RaidEvent) => publishedForm(monitoringPublished, event);

describe('monitoringPublished', () => {
  itPublishesEachAsAValidContract(monitoringPublished, EVERY_EVENT, (type) => (type === 'OffenceRecorded' ? 2 : 1));

  it('publishes a submitted report without its reporter: only whether it was anonymous', () => {
    const { payload } = publicPayload(EVERY_EVENT[0]);
    expect(payload).not.toHaveProperty('reporterId');
    expect(payload).not.toHaveProperty('hasContact');
    expect(payload).toMatchObject({ anonymous: false, road: ROAD });
  });
});
