import { decideByType, type Decider } from '@app/domain-kernel';
import type { CloseRaid, ConductRaid, PlanRaid, RaidCommand, RecordDefect, RecordOffence } from './raid.commands';
import { IllegalRaidTransitionError, OffenceTimeInFutureError } from './raid.errors';
import type { RaidEvent } from './raid.events';
import { initialRaidState, type RaidState } from './raid.state';
import type { RaidStatus } from './raid.types';

function requireStatus(command: RaidCommand, state: RaidState, ...allowed: RaidStatus[]): void {
  if (!allowed.includes(state.status)) throw new IllegalRaidTransitionError(command.type, state.status);
}

const plan = (c: PlanRaid, s: RaidState): RaidEvent[] => {
  requireStatus(c, s, 'none');
  return [{ type: 'RaidPlanned', data: { ...c.data, plannedBy: c.metadata.actor.id } }];
};

const conduct = (c: ConductRaid, s: RaidState): RaidEvent[] => {
  requireStatus(c, s, 'planned');
  return [
    { type: 'RaidConducted', data: { participants: c.data.participants, conductedAt: c.metadata.now.toISOString() } },
  ];
};

/** Findings are recorded only while the raid is conducted; the same finding recorded again is recorded once. */
const recordDefect = (c: RecordDefect, s: RaidState): RaidEvent[] => {
  requireStatus(c, s, 'conducted');
  if (s.defectIds.includes(c.data.defectId)) return [];
  return [{ type: 'DefectFound', data: { raidId: s.raidId, ...c.data } }];
};

const recordOffence = (c: RecordOffence, s: RaidState): RaidEvent[] => {
  requireStatus(c, s, 'conducted');
  if (s.offenceIds.includes(c.data.offenceId)) return [];
  if (!(new Date(c.data.committedAt) <= c.metadata.now)) throw new OffenceTimeInFutureError(c.data.committedAt);
  return [{ type: 'OffenceRecorded', data: { raidId: s.raidId, ...c.data } }];
};

const close = (c: CloseRaid, s: RaidState): RaidEvent[] => {
  requireStatus(c, s, 'conducted');
  return [
    {
      type: 'RaidClosed',
      data: {
        summary: c.data.summary,
        closedAt: c.metadata.now.toISOString(),
        defectsFound: s.defectIds.length,
        offencesRecorded: s.offenceIds.length,
      },
    },
  ];
};

export const raidDecider: Decider<RaidState, RaidCommand, RaidEvent> = {
  initialState: initialRaidState,

  decide: decideByType({
    PlanRaid: plan,
    ConductRaid: conduct,
    RecordDefect: recordDefect,
    RecordOffence: recordOffence,
    CloseRaid: close,
  }),

  evolve(state, event) {
    switch (event.type) {
      case 'RaidPlanned':
        return { ...state, status: 'planned', raidId: event.data.raidId, district: event.data.district };
      case 'RaidConducted':
        return { ...state, status: 'conducted' };
      case 'DefectFound':
        return { ...state, defectIds: [...state.defectIds, event.data.defectId] };
      case 'OffenceRecorded':
        return { ...state, offenceIds: [...state.offenceIds, event.data.offenceId] };
      case 'RaidClosed':
        return { ...state, status: 'closed' };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
