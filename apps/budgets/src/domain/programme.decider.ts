import { decideByType, type Decider } from '@app/domain-kernel';
import {
  AllocationBelowSpendingError,
  AllocationExceededError,
  FlagNotOpenError,
  IllegalBudgetStepError,
  WrongDirectionError,
} from './budget.errors';
import { directionOf } from './budget.types';
import type {
  AmendAllocation,
  FlagProgramme,
  ProgrammeCommand,
  PublishProgramme,
  ReceiveRevenue,
  RecordExpenditure,
  ResolveFlag,
} from './programme.commands';
import type { ProgrammeEvent } from './programme.events';
import { initialProgrammeState, type ProgrammeState } from './programme.state';

function requirePublished(c: ProgrammeCommand, s: ProgrammeState): void {
  if (s.status !== 'published') throw new IllegalBudgetStepError(c.type, 'unpublished');
}

const publish = (c: PublishProgramme, s: ProgrammeState): ProgrammeEvent[] => {
  if (s.status !== 'none') throw new IllegalBudgetStepError(c.type, 'published');
  return [
    {
      type: 'ProgrammePublished',
      data: { ...c.data, direction: directionOf(c.data.purpose), publishedAt: c.metadata.now.toISOString() },
    },
  ];
};

/** An amendment may cut the allocation, but never below what was already spent. */
const amend = (c: AmendAllocation, s: ProgrammeState): ProgrammeEvent[] => {
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
};

/** Spending is refused above the (amended) allocation; the error says how much is left. */
const spend = (c: RecordExpenditure, s: ProgrammeState): ProgrammeEvent[] => {
  requirePublished(c, s);
  if (s.direction !== 'expenditure') throw new WrongDirectionError(c.type, s.direction);
  const remaining = s.allocationTiyn - s.spentTiyn;
  if (c.data.amountTiyn > remaining) throw new AllocationExceededError(c.data.amountTiyn, remaining);
  return [{ type: 'ExpenditureRecorded', data: { programmeId: s.programmeId, ...c.data } }];
};

/** Revenue lines take fines without a ceiling: the allocation of a revenue line is a plan, not a limit. */
const receive = (c: ReceiveRevenue, s: ProgrammeState): ProgrammeEvent[] => {
  requirePublished(c, s);
  if (s.direction !== 'revenue') throw new WrongDirectionError(c.type, s.direction);
  return [{ type: 'RevenueReceived', data: { programmeId: s.programmeId, district: s.district, ...c.data } }];
};

/** The same report flags a programme once. */
const flag = (c: FlagProgramme, s: ProgrammeState): ProgrammeEvent[] => {
  requirePublished(c, s);
  if (s.openFlags.includes(c.data.reportId)) return [];
  return [{ type: 'ProgrammeFlagged', data: { programmeId: s.programmeId, ...c.data } }];
};

const resolveFlag = (c: ResolveFlag, s: ProgrammeState): ProgrammeEvent[] => {
  requirePublished(c, s);
  if (!s.openFlags.includes(c.data.reportId)) throw new FlagNotOpenError(c.data.reportId);
  return [{ type: 'ProgrammeFlagResolved', data: { programmeId: s.programmeId, ...c.data } }];
};

export const programmeDecider: Decider<ProgrammeState, ProgrammeCommand, ProgrammeEvent> = {
  initialState: initialProgrammeState,

  decide: decideByType({
    PublishProgramme: publish,
    AmendAllocation: amend,
    RecordExpenditure: spend,
    ReceiveRevenue: receive,
    FlagProgramme: flag,
    ResolveFlag: resolveFlag,
  }),

  evolve(state, event) {
    switch (event.type) {
      case 'ProgrammePublished': {
        const d = event.data;
        return {
          ...state,
          status: 'published',
          programmeId: d.programmeId,
          institutionBin: d.institutionBin,
          district: d.district,
          fiscalYear: d.fiscalYear,
          code: d.code,
          purpose: d.purpose,
          direction: d.direction,
          approvedTiyn: d.allocationTiyn,
          allocationTiyn: d.allocationTiyn,
        };
      }
      case 'AllocationAmended':
        return { ...state, allocationTiyn: event.data.newAllocationTiyn };
      case 'ExpenditureRecorded':
        return { ...state, spentTiyn: state.spentTiyn + event.data.amountTiyn };
      case 'RevenueReceived':
        return { ...state, revenueTiyn: state.revenueTiyn + event.data.amountTiyn };
      case 'ProgrammeFlagged':
        return { ...state, openFlags: [...state.openFlags, event.data.reportId] };
      case 'ProgrammeFlagResolved':
        return { ...state, openFlags: state.openFlags.filter((r) => r !== event.data.reportId) };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
