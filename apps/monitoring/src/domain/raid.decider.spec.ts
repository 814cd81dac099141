import { deciderSpec, illegalTransitions, specCommands } from '@app/domain-kernel/testing';
import type { RaidCommand, RecordDefect, RecordOffence } from './raid.commands';
import { raidDecider } from './raid.decider';
import * as errors from './raid.errors';
import type { RaidEvent } from './raid.events';

const spec = deciderSpec(raidDecider);

const PLANNED_AT = new Date('2020-03-10T04:00:00.000Z');
const CONDUCTED_AT = new Date('2020-03-12T04:00:00.000Z');
const RECORDED_AT = new Date('2020-03-12T06:00:00.000Z');
const CLOSED_AT = new Date('2020-03-12T10:00:00.000Z');
const MODERATOR = { id: 'moderator-1', role: 'moderator' };
const INSPECTOR = { id: 'inspector-1', role: 'inspector' };
const IIN_HMAC = 'a'.repeat(64);

const { command } = specCommands<RaidCommand>({ now: CONDUCTED_AT, actor: MODERATOR });

const plan = () =>
  command(
    'PlanRaid',
    { raidId: 'raid-1', title: 'Heavy trucks on A-2', district: 'Taraz', plannedFor: '2020-03-12T04:00:00.000Z' },
    { now: PLANNED_AT },
  );
const conduct = () => command('ConductRaid', { participants: ['moderator-1', 'activist-3'] });
const defectData = (defectId = 'defect-1'): RecordDefect['data'] => ({
  defectId,
  location: { lat: 42.9, lon: 71.37 },
  district: 'Taraz',
  address: 'A-2 km 12',
  defectType: 'rutting',
  description: 'Ruts 5 cm',
});
const defect = (defectId?: string) => command('RecordDefect', defectData(defectId));
const offenceData = (offenceId = 'offence-1', committedAt = '2020-03-12T05:30:00.000Z'): RecordOffence['data'] => ({
  offenceId,
  offenceType: 'truck_overload',
  offenderCategory: 'individual',
  offenderIinHmacSha256: IIN_HMAC,
  offenderIinKeyId: 'pd1',
  offenderBin: null,
  place: 'A-2 km 12',
  committedAt,
  evidence: ['https://evidence.example/weigh.jpg'],
});
const offence = (offenceId?: string, committedAt?: string) =>
  command('RecordOffence', offenceData(offenceId, committedAt), { now: RECORDED_AT, actor: INSPECTOR });
const close = () => command('CloseRaid', { summary: 'Two findings' }, { now: CLOSED_AT });

const planned: RaidEvent = {
  type: 'RaidPlanned',
  data: {
    raidId: 'raid-1',
    title: 'Heavy trucks on A-2',
    district: 'Taraz',
    plannedFor: '2020-03-12T04:00:00.000Z',
    plannedBy: 'moderator-1',
  },
};
const conducted: RaidEvent = {
  type: 'RaidConducted',
  data: { participants: ['moderator-1', 'activist-3'], conductedAt: CONDUCTED_AT.toISOString() },
};
const defectFound = (defectId?: string): RaidEvent => ({
  type: 'DefectFound',
  data: { raidId: 'raid-1', ...defectData(defectId) },
});
const offenceRecorded = (offenceId = 'offence-1'): RaidEvent => ({
  type: 'OffenceRecorded',
  data: { raidId: 'raid-1', ...offenceData(offenceId) },
});

const PLANNED = [planned];
const CONDUCTED = [...PLANNED, conducted];
const WITH_FINDINGS = [...CONDUCTED, defectFound(), offenceRecorded()];
const CLOSED = [
  ...WITH_FINDINGS,
  {
    type: 'RaidClosed',
    data: { summary: 'Two findings', closedAt: CLOSED_AT.toISOString(), defectsFound: 1, offencesRecorded: 1 },
  } as RaidEvent,
];

const EVERY_COMMAND: Record<RaidCommand['type'], () => RaidCommand> = {
  PlanRaid: plan,
  ConductRaid: conduct,
  RecordDefect: () => defect('defect-9'),
  RecordOffence: () => offence('offence-9'),
  CloseRaid: close,
};

const itRejectsAsIllegal = illegalTransitions(raidDecider, EVERY_COMMAND, errors.IllegalRaidTransitionError);

describe('raidDecider', () => {
  describe('When no raid exists', () => {
    it('PlanRaid plans it, naming who planned it', () => {
      spec
        .given([])
        .when(plan())
        .then([planned], (s) => expect(s.status).toBe('planned'));
    });
    itRejectsAsIllegal([], 'none', ['ConductRaid', 'RecordDefect', 'RecordOffence', 'CloseRaid']);
  });

  describe('When planned', () => {
    it('ConductRaid records the participants and when', () => {
      spec.given(PLANNED).when(conduct()).then([conducted]);
    });
    itRejectsAsIllegal(PLANNED, 'planned', ['PlanRaid', 'RecordDefect', 'RecordOffence', 'CloseRaid']);
  });

  describe('When conducted', () => {
    it('RecordDefect records a defect found (DefectFoundV1 for road-cases)', () => {
      spec.given(CONDUCTED).when(defect()).then([defectFound()]);
    });

    it('RecordOffence records an offence with the IIN only as its keyed digest, no name or plate', () => {
      spec.given(CONDUCTED).when(offence()).then([offenceRecorded()]);
    });

    it('the same finding recorded twice is recorded once', () => {
      spec.given(WITH_FINDINGS).when(defect('defect-1')).then([]);
      spec.given(WITH_FINDINGS).when(offence('offence-1')).then([]);
    });

    it('RecordOffence refuses an offence time in the future (400 naming committedAt)', () => {
      spec
        .given(CONDUCTED)
        .when(offence('offence-2', '2020-03-13T00:00:00.000Z'))
        .thenThrows(errors.OffenceTimeInFutureError, { details: { field: 'committedAt' } });
    });

    it('CloseRaid closes it with the count of findings', () => {
      spec
        .given(WITH_FINDINGS)
        .when(close())
        .then([CLOSED[CLOSED.length - 1]], (s) => expect(s.status).toBe('closed'));
    });
    itRejectsAsIllegal(CONDUCTED, 'conducted', ['PlanRaid', 'ConductRaid']);
  });

  describe('When closed', () => {
    itRejectsAsIllegal(CLOSED, 'closed', ['PlanRaid', 'ConductRaid', 'RecordDefect', 'RecordOffence', 'CloseRaid']);
  });
});
