import { decideByType, evolveByType, pick, type Decider } from '@app/domain-kernel';
import {
  AllocationBelowSpendingError,
  AllocationExceededError,
  FlagNotOpenError,
  IllegalBudgetStepError,
  WrongDirectionError,
} from './budget.errors';
import { directionOf } from './budget.types';
import type { ProgrammeCommand } from './programme.commands';
import type { ProgrammeEvent } from './programme.events';
import { initialProgrammeState, type ProgrammeState } from './programme.state';

function requirePublished(c: ProgrammeCommand, s: ProgrammeState): void {
  if (s.status !== 'published') throw new IllegalBudgetStepError(c.type, 'unpublished');
}

const decide = decideByType<ProgrammeState, ProgrammeCommand, ProgrammeEvent>({
  PublishProgramme(c, s) {
    if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'published');
    return [
      {
        type: 'ProgrammePublished',
        data: { ...c.data, direction: directionOf(c.data.purpose), publishedAt: c.metadata.now.toISOString() },
      },
    ];
  },

  /** An amendment may cut the allocation, but never below what was already spent. */
  AmendAllocation(c, s) {
    requirePublished(c, s);
    if (s.direction === 'expenditure' && c.data.newAllocationTiyn < s.spentTiyn)
      throw new AllocationBelowSpendingError(c.data.newAllocationTiyn, s.spentTiyn);
    return [
      {
        type: 'AllocationAmended',
        data: {
          programmeId: s.programmeId,
          previousAllocationTiyn: s.allocationTiyn,
          newAllocationTiyn: c.data.newAllocationTiyn,
          reason: c.data.reason,
        },
      },
    ];
  },

  /** Spending is refused above the (amended) allocation; the error says how much is left. */
  RecordExpenditure(c, s) {
    requirePublished(c, s);
    if (s.direction !== 'expenditure') throw new WrongDirectionError(c.type, s.direction);
    const remaining = s.allocationTiyn - s.spentTiyn;
    if (c.data.amountTiyn > remaining) throw new AllocationExceededError(c.data.amountTiyn, remaining);
    return [{ type: 'ExpenditureRecorded', data: { programmeId: s.programmeId, ...c.data } }];
  },

  /** Revenue lines take fines without a ceiling: the allocation of a revenue line is a plan, not a limit. */
  ReceiveRevenue(c, s) {
    requirePublished(c, s);
    if (s.direction !== 'revenue') throw new WrongDirectionError(c.type, s.direction);
    return [{ type: 'RevenueReceived', data: { programmeId: s.programmeId, district: s.district, ...c.data } }];
  },

  /** The same report flags a programme once. */
  FlagProgramme(c, s) {
    requirePublished(c, s);
    if (s.openFlags.includes(c.data.reportId)) return [];
    return [{ type: 'ProgrammeFlagged', data: { programmeId: s.programmeId, ...c.data } }];
  },

  ResolveFlag(c, s) {
    requirePublished(c, s);
    if (!s.openFlags.includes(c.data.reportId)) throw new FlagNotOpenError(c.data.reportId);
    return [{ type: 'ProgrammeFlagResolved', data: { programmeId: s.programmeId, ...c.data } }];
  },
});

const evolve = evolveByType<ProgrammeState, ProgrammeEvent>({
  ProgrammePublished: (state, d) => ({
    ...state,
    status: 'published',
    ...pick(d, 'programmeId', 'institutionBin', 'district', 'fiscalYear', 'code', 'purpose', 'direction'),
    approvedTiyn: d.allocationTiyn,
    allocationTiyn: d.allocationTiyn,
  }),
  AllocationAmended: (state, d) => ({ ...state, allocationTiyn: d.newAllocationTiyn }),
  ExpenditureRecorded: (state, d) => ({ ...state, spentTiyn: state.spentTiyn + d.amountTiyn }),
  RevenueReceived: (state, d) => ({ ...state, revenueTiyn: state.revenueTiyn + d.amountTiyn }),
  ProgrammeFlagged: (state, d) => ({ ...state, openFlags: [...state.openFlags, d.reportId] }),
  ProgrammeFlagResolved: (state, d) => ({ ...state, openFlags: state.openFlags.filter((r) => r !== d.reportId) }),
});

export const programmeDecider: Decider<ProgrammeState, ProgrammeCommand, ProgrammeEvent> = {
  initialState: initialProgrammeState,
  decide,
  evolve,
};
