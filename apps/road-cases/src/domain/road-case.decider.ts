import { almatyDate, decideByType, type Decider } from '@app/domain-kernel';
import type {
  AcceptRepair,
  AssignContractor,
  LinkReport,
  MarkOverdue,
  OpenCase,
  ReopenCase,
  RejectCase,
  RejectRepair,
  ReportRepair,
  RoadCaseCommand,
  VerifyDefect,
} from './road-case.commands';
import {
  DueDateInPastError,
  IllegalCaseTransitionError,
  NotTheAssignedContractorError,
  WarrantyContractorMismatchError,
} from './road-case.errors';
import type { RoadCaseEvent } from './road-case.events';
import { initialRoadCaseState, type RoadCaseState } from './road-case.state';
import type { CaseStatus } from './road-case.types';

const DAY_MS = 86_400_000;

// A warranty runs to the end of its last day in Almaty (budgets publishes the end as a date).
const dayOf = (iso: string) => almatyDate(new Date(iso));

function requireStatus(command: RoadCaseCommand, state: RoadCaseState, ...allowed: CaseStatus[]): void {
  if (!allowed.includes(state.status)) throw new IllegalCaseTransitionError(command.type, state.status);
}

const open = (c: OpenCase, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'none');
  return [{ type: 'CaseOpened', data: { ...c.data, openedAt: c.metadata.now.toISOString() } }];
};

/** A report about a case that is still open adds to it; a closed or rejected case is not reused. */
const link = (c: LinkReport, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'opened', 'verified', 'assigned', 'repair_reported');
  if (s.reportIds.includes(c.data.reportId)) return [];
  return [{ type: 'ReportLinkedToCase', data: c.data }];
};

const verify = (c: VerifyDefect, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'opened');
  return [{ type: 'DefectVerified', data: c.data }];
};

const reject = (c: RejectCase, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'opened');
  return [{ type: 'CaseRejected', data: c.data }];
};

/** Due date from the severity's deadline unless the official sets one; warranty when the contract covers the opening date. */
const assign = (c: AssignContractor, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'verified');
  const now = c.metadata.now;
  const underWarranty = dayOf(c.data.contract.warrantyEndsAt) >= dayOf(s.openedAt!);
  if (underWarranty && c.data.contract.contractorBin !== c.data.contractorBin) {
    throw new WarrantyContractorMismatchError(c.data.contractorBin, c.data.contract.contractorBin);
  }
  if (c.data.dueAt && !(new Date(c.data.dueAt) > now)) throw new DueDateInPastError(c.data.dueAt); // also refuses an unparsable date
  const dueAt = c.data.dueAt ?? new Date(now.getTime() + c.data.deadlines[s.severity!] * DAY_MS).toISOString();
  return [
    {
      type: 'ContractorAssigned',
      data: {
        contractorBin: c.data.contractorBin,
        contractId: c.data.contract.contractId,
        dueAt,
        underWarranty,
        assignment: s.assignment + 1,
      },
    },
  ];
};

const reportRepair = (c: ReportRepair, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'assigned');
  if (c.data.contractorBin !== s.contractorBin) throw new NotTheAssignedContractorError(c.data.contractorBin);
  return [{ type: 'RepairReported', data: c.data }];
};

/** Accepting the repair closes the case and resolves every report it answers. */
const acceptRepair = (c: AcceptRepair, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'repair_reported');
  return [
    {
      type: 'RepairAccepted',
      data: {
        actualCostTiyn: c.data.actualCostTiyn,
        underWarranty: s.underWarranty,
        contractId: s.contractId!,
        contractorBin: s.contractorBin!,
        onTime: c.metadata.now <= new Date(s.dueAt!),
      },
    },
    { type: 'CaseClosed', data: { outcome: 'repaired', reportIds: s.reportIds } },
  ];
};

/** A rejected repair sends the case back to the contractor and counts a rework. */
const rejectRepair = (c: RejectRepair, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'repair_reported');
  return [{ type: 'RepairRejected', data: { reason: c.data.reason, reworks: s.reworks + 1 } }];
};

const reopen = (c: ReopenCase, s: RoadCaseState): RoadCaseEvent[] => {
  requireStatus(c, s, 'closed');
  return [{ type: 'CaseReopened', data: c.data }];
};

/** Past its due date an assigned case is escalated, once per assignment; otherwise nothing happens. */
const markOverdue = (c: MarkOverdue, s: RoadCaseState): RoadCaseEvent[] => {
  if (
    s.status !== 'assigned' ||
    !s.dueAt ||
    c.metadata.now <= new Date(s.dueAt) ||
    s.escalatedAssignment === s.assignment
  )
    return [];
  return [{ type: 'CaseOverdue', data: { dueAt: s.dueAt, assignment: s.assignment, contractorBin: s.contractorBin! } }];
};

export const roadCaseDecider: Decider<RoadCaseState, RoadCaseCommand, RoadCaseEvent> = {
  initialState: initialRoadCaseState,

  decide: decideByType({
    OpenCase: open,
    LinkReport: link,
    VerifyDefect: verify,
    RejectCase: reject,
    AssignContractor: assign,
    ReportRepair: reportRepair,
    AcceptRepair: acceptRepair,
    RejectRepair: rejectRepair,
    ReopenCase: reopen,
    MarkOverdue: markOverdue,
  }),

  evolve(state, event) {
    switch (event.type) {
      case 'CaseOpened': {
        const d = event.data;
        return {
          ...state,
          status: 'opened',
          caseId: d.caseId,
          location: d.location,
          district: d.district,
          defectType: d.defectType,
          source: d.source,
          openedAt: d.openedAt,
          reportIds: [...d.reportIds],
        };
      }
      case 'ReportLinkedToCase':
        return { ...state, reportIds: [...state.reportIds, event.data.reportId] };
      case 'DefectVerified':
        return {
          ...state,
          status: 'verified',
          severity: event.data.severity,
          estimatedCostTiyn: event.data.estimatedCostTiyn,
        };
      case 'CaseRejected':
        return { ...state, status: 'rejected' };
      case 'ContractorAssigned':
        return {
          ...state,
          status: 'assigned',
          contractorBin: event.data.contractorBin,
          contractId: event.data.contractId,
          dueAt: event.data.dueAt,
          underWarranty: event.data.underWarranty,
          assignment: event.data.assignment,
        };
      case 'RepairReported':
        return { ...state, status: 'repair_reported' };
      case 'RepairAccepted':
        return state;
      case 'RepairRejected':
        return { ...state, status: 'assigned', reworks: event.data.reworks };
      case 'CaseClosed':
        return { ...state, status: 'closed' };
      case 'CaseReopened':
        return {
          ...state,
          status: 'verified',
          contractorBin: null,
          contractId: null,
          dueAt: null,
          underWarranty: false,
        };
      case 'CaseOverdue':
        return { ...state, escalatedAssignment: event.data.assignment };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
