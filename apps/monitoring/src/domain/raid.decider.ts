import { decideByType, evolveByType, statusGuard, type Decider } from '@app/domain-kernel';
import type { RaidCommand } from './raid.commands';
import { IllegalRaidTransitionError, OffenceTimeInFutureError } from './raid.errors';
import type { RaidEvent } from './raid.events';
import { initialRaidState, type RaidState } from './raid.state';

const requireStatus = statusGuard(IllegalRaidTransitionError);

const decide = decideByType<RaidState, RaidCommand, RaidEvent>({
  PlanRaid(c, s) {
    requireStatus(c, s, 'none');
    return [{ type: 'RaidPlanned', data: { ...c.data, plannedBy: c.metadata.actor.id } }];
  },

  ConductRaid(c, s) {
    requireStatus(c, s, 'planned');
    return [
      { type: 'RaidConducted', data: { participants: c.data.participants, conductedAt: c.metadata.now.toISOString() } },
    ];
  },

  /** Findings are recorded only while the raid is conducted; the same finding recorded again is recorded once. */
  RecordDefect(c, s) {
    requireStatus(c, s, 'conducted');
    if (s.defectIds.includes(c.data.defectId)) return [];
    return [{ type: 'DefectFound', data: { raidId: s.raidId, ...c.data } }];
  },

  RecordOffence(c, s) {
    requireStatus(c, s, 'conducted');
    if (s.offenceIds.includes(c.data.offenceId)) return [];
    if (!(new Date(c.data.committedAt) <= c.metadata.now)) throw new OffenceTimeInFutureError(c.data.committedAt);
    return [{ type: 'OffenceRecorded', data: { raidId: s.raidId, ...c.data } }];
  },

  CloseRaid(c, s) {
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
  },
});

const evolve = evolveByType<RaidState, RaidEvent>({
  RaidPlanned: (state, d) => ({ ...state, status: 'planned', raidId: d.raidId, district: d.district }),
  RaidConducted: (state) => ({ ...state, status: 'conducted' }),
  DefectFound: (state, d) => ({ ...state, defectIds: [...state.defectIds, d.defectId] }),
  OffenceRecorded: (state, d) => ({ ...state, offenceIds: [...state.offenceIds, d.offenceId] }),
  RaidClosed: (state) => ({ ...state, status: 'closed' }),
});

export const raidDecider: Decider<RaidState, RaidCommand, RaidEvent> = {
  initialState: initialRaidState,
  decide,
  evolve,
};
