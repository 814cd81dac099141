import { almatyDate, decideByType, evolveByType, statusGuard, pick, type Decider } from '@app/domain-kernel';
import type { RoadCaseCommand } from './road-case.commands';
import {
  DueDateInPastError,
  IllegalCaseTransitionError,
  NotTheAssignedContractorError,
  WarrantyContractorMismatchError,
} from './road-case.errors';
import type { RoadCaseEvent } from './road-case.events';
import { initialRoadCaseState, type RoadCaseState } from './road-case.state';

const DAY_MS = 86_400_000;

// A warranty runs to the end of its last day in Almaty (budgets publishes the end as a date).
const dayOf = (iso: string) => almatyDate(new Date(iso));

const requireStatus = statusGuard(IllegalCaseTransitionError);

const decide = decideByType<RoadCaseState, RoadCaseCommand, RoadCaseEvent>({
  OpenCase(c, s) {
    requireStatus(c, s, 'none');
    return [{ type: 'CaseOpened', data: { ...c.data, openedAt: c.metadata.now.toISOString() } }];
  },

  /** A report about a case that is still open adds to it; a closed or rejected case is not reused. */
  LinkReport(c, s) {
    requireStatus(c, s, 'opened', 'verified', 'assigned', 'repair_reported');
    if (s.reportIds.includes(c.data.reportId)) return [];
    return [{ type: 'ReportLinkedToCase', data: c.data }];
  },

  VerifyDefect(c, s) {
    requireStatus(c, s, 'opened');
    return [{ type: 'DefectVerified', data: c.data }];
  },

  RejectCase(c, s) {
    requireStatus(c, s, 'opened');
    return [{ type: 'CaseRejected', data: c.data }];
  },

  /** Due date from the severity's deadline unless the official sets one; warranty when the contract covers the opening date. */
  AssignContractor(c, s) {
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
  },

  ReportRepair(c, s) {
    requireStatus(c, s, 'assigned');
    if (c.data.contractorBin !== s.contractorBin) throw new NotTheAssignedContractorError(c.data.contractorBin);
    return [{ type: 'RepairReported', data: c.data }];
  },

  /** Accepting the repair closes the case and resolves every report it answers. */
  AcceptRepair(c, s) {
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
  },

  /** A rejected repair sends the case back to the contractor and counts a rework. */
  RejectRepair(c, s) {
    requireStatus(c, s, 'repair_reported');
    return [{ type: 'RepairRejected', data: { reason: c.data.reason, reworks: s.reworks + 1 } }];
  },

  ReopenCase(c, s) {
    requireStatus(c, s, 'closed');
    return [{ type: 'CaseReopened', data: c.data }];
  },

  /** Past its due date an assigned case is escalated, once per assignment; otherwise nothing happens. */
  MarkOverdue(c, s) {
    if (
      s.status !== 'assigned' ||
      !s.dueAt ||
      c.metadata.now <= new Date(s.dueAt) ||
      s.escalatedAssignment === s.assignment
    )
      return [];
    return [
      { type: 'CaseOverdue', data: { dueAt: s.dueAt, assignment: s.assignment, contractorBin: s.contractorBin! } },
    ];
  },
});

const evolve = evolveByType<RoadCaseState, RoadCaseEvent>({
  CaseOpened: (state, d) => ({
    ...state,
    status: 'opened',
    ...pick(d, 'caseId', 'location', 'district', 'defectType', 'source', 'openedAt'),
    reportIds: [...d.reportIds],
  }),
  ReportLinkedToCase: (state, d) => ({ ...state, reportIds: [...state.reportIds, d.reportId] }),
  DefectVerified: (state, d) => ({
    ...state,
    status: 'verified',
    severity: d.severity,
    estimatedCostTiyn: d.estimatedCostTiyn,
  }),
  CaseRejected: (state) => ({ ...state, status: 'rejected' }),
  ContractorAssigned: (state, d) => ({
    ...state,
    status: 'assigned',
    ...pick(d, 'contractorBin', 'contractId', 'dueAt', 'underWarranty', 'assignment'),
  }),
  RepairReported: (state) => ({ ...state, status: 'repair_reported' }),
  RepairAccepted: (state) => state,
  RepairRejected: (state, d) => ({ ...state, status: 'assigned', reworks: d.reworks }),
  CaseClosed: (state) => ({ ...state, status: 'closed' }),
  CaseReopened: (state) => ({
    ...state,
    status: 'verified',
    contractorBin: null,
    contractId: null,
    dueAt: null,
    underWarranty: false,
  }),
  CaseOverdue: (state, d) => ({ ...state, escalatedAssignment: d.assignment }),
});

export const roadCaseDecider: Decider<RoadCaseState, RoadCaseCommand, RoadCaseEvent> = {
  initialState: initialRoadCaseState,
  decide,
  evolve,
};
