import { deciderSpec, specCommands } from '@app/domain-kernel/testing';
import type { AssignContractor, OpenCase, RoadCaseCommand } from './road-case.commands';
import { roadCaseDecider } from './road-case.decider';
import * as errors from './road-case.errors';
import type { RoadCaseEvent } from './road-case.events';
import type { RoadCaseState } from './road-case.state';
import { DEFAULT_SEVERITY_DEADLINES, type CaseStatus, type ContractTerms, type Severity } from './road-case.types';

const spec = deciderSpec(roadCaseDecider);

// ---- time: everything is relative to the opening instant -------------------------------------------------------------
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const OPENED_AT = new Date('2020-05-04T08:00:00.000Z');
const hoursAfterOpening = (hours: number) => new Date(OPENED_AT.getTime() + hours * HOUR_MS);
const iso = (date: Date) => date.toISOString();

/** Assignment happens a day after opening; the default due date (severity high, 3 days) follows from it. */
const ASSIGNED_NOW = hoursAfterOpening(24);
const DUE_AT = new Date(ASSIGNED_NOW.getTime() + 3 * DAY_MS); // 2020-05-08T08:00:00.000Z

// ---- actors and contracts --------------------------------------------------------------------------------------------
const INSPECTOR = { id: 'inspector-1', role: 'inspector' };
const CONTRACTOR_BIN = '123456789012';
const OTHER_BIN = '987654321098';

const CONTRACT_IN_WARRANTY: ContractTerms = {
  contractId: 'contract-1',
  contractorBin: CONTRACTOR_BIN,
  warrantyEndsAt: '2021-05-04T00:00:00.000Z',
};
const CONTRACT_OUT_OF_WARRANTY: ContractTerms = {
  contractId: 'contract-2',
  contractorBin: CONTRACTOR_BIN,
  warrantyEndsAt: '2019-12-31T00:00:00.000Z',
};

// ---- commands --------------------------------------------------------------------------------------------------------
const { command } = specCommands<RoadCaseCommand>({ now: OPENED_AT, actor: INSPECTOR });

/** What the case is opened with: the OpenCase command's data, and CaseOpened's but for its openedAt. */
const CASE_OPENING: OpenCase['data'] = {
  caseId: 'case-1',
  location: { lat: 43.238949, lon: 76.889709 },
  district: 'Almaly',
  address: 'Abay Ave 10',
  defectType: 'pothole',
  description: 'Deep pothole in the right lane',
  source: 'report',
  reportIds: ['report-1'],
  raidId: null,
};
const openCase = (now = OPENED_AT) => command('OpenCase', CASE_OPENING, { now });
const linkReport = (reportId = 'report-2', now = hoursAfterOpening(2)) =>
  command('LinkReport', { reportId, source: 'raid', raidId: 'raid-7' }, { now });
const verifyDefect = (severity: Severity = 'high', now = hoursAfterOpening(4)) =>
  command('VerifyDefect', { severity, areaM2: 2.5, estimatedCostTiyn: 15_000_000 }, { now });
const rejectCase = (now = hoursAfterOpening(4)) => command('RejectCase', { reason: 'Not a road defect' }, { now });
const assignContractor = (
  options: {
    contractorBin?: string;
    contract?: ContractTerms;
    deadlines?: AssignContractor['data']['deadlines'];
    dueAt?: string;
    now?: Date;
  } = {},
) =>
  command(
    'AssignContractor',
    {
      contractorBin: options.contractorBin ?? CONTRACTOR_BIN,
      contract: options.contract ?? CONTRACT_IN_WARRANTY,
      deadlines: options.deadlines ?? DEFAULT_SEVERITY_DEADLINES,
      ...(options.dueAt === undefined ? {} : { dueAt: options.dueAt }),
    },
    { now: options.now ?? ASSIGNED_NOW },
  );
const reportRepair = (contractorBin = CONTRACTOR_BIN, now = hoursAfterOpening(48)) =>
  command(
    'ReportRepair',
    { contractorBin, note: 'Patched with hot asphalt' },
    {
      now,
      actor: { id: 'contractor-user', role: 'contractor' },
    },
  );
const acceptRepair = (now = hoursAfterOpening(60), actualCostTiyn = 14_000_000) =>
  command('AcceptRepair', { actualCostTiyn }, { now });
const rejectRepair = (now = hoursAfterOpening(60)) =>
  command('RejectRepair', { reason: 'Patch already cracked' }, { now });
const reopenCase = (now = hoursAfterOpening(24 * 40)) => command('ReopenCase', { reason: 'Pothole is back' }, { now });
const markOverdue = (now: Date) => command('MarkOverdue', {}, { now });

// ---- events ----------------------------------------------------------------------------------------------------------
const caseOpened: RoadCaseEvent = { type: 'CaseOpened', data: { ...CASE_OPENING, openedAt: iso(OPENED_AT) } };
const reportLinked = (reportId = 'report-2'): RoadCaseEvent => ({
  type: 'ReportLinkedToCase',
  data: { reportId, source: 'raid', raidId: 'raid-7' },
});
const defectVerified = (severity: Severity = 'high'): RoadCaseEvent => ({
  type: 'DefectVerified',
  data: { severity, areaM2: 2.5, estimatedCostTiyn: 15_000_000 },
});
const caseRejected: RoadCaseEvent = { type: 'CaseRejected', data: { reason: 'Not a road defect' } };
const contractorAssigned = (
  overrides: Partial<Extract<RoadCaseEvent, { type: 'ContractorAssigned' }>['data']> = {},
): RoadCaseEvent => ({
  type: 'ContractorAssigned',
  data: {
    contractorBin: CONTRACTOR_BIN,
    contractId: 'contract-1',
    dueAt: iso(DUE_AT),
    underWarranty: true,
    assignment: 1,
    ...overrides,
  },
});
const repairReported: RoadCaseEvent = {
  type: 'RepairReported',
  data: { contractorBin: CONTRACTOR_BIN, note: 'Patched with hot asphalt' },
};
const repairRejected = (reworks: number): RoadCaseEvent => ({
  type: 'RepairRejected',
  data: { reason: 'Patch already cracked', reworks },
});
const repairAccepted = (
  overrides: Partial<Extract<RoadCaseEvent, { type: 'RepairAccepted' }>['data']> = {},
): RoadCaseEvent => ({
  type: 'RepairAccepted',
  data: {
    actualCostTiyn: 14_000_000,
    underWarranty: true,
    contractId: 'contract-1',
    contractorBin: CONTRACTOR_BIN,
    onTime: true,
    ...overrides,
  },
});
const caseClosed = (reportIds = ['report-1']): RoadCaseEvent => ({
  type: 'CaseClosed',
  data: { outcome: 'repaired', reportIds },
});
const caseReopened: RoadCaseEvent = { type: 'CaseReopened', data: { reason: 'Pothole is back' } };
const caseOverdue = (assignment = 1, dueAt = iso(DUE_AT)): RoadCaseEvent => ({
  type: 'CaseOverdue',
  data: { dueAt, assignment, contractorBin: CONTRACTOR_BIN },
});

// ---- histories per state ---------------------------------------------------------------------------------------------
const OPENED = [caseOpened];
const VERIFIED = [...OPENED, defectVerified()];
const REJECTED = [...OPENED, caseRejected];
const ASSIGNED = [...VERIFIED, contractorAssigned()];
const REPAIR_REPORTED = [...ASSIGNED, repairReported];
const CLOSED = [...REPAIR_REPORTED, repairAccepted(), caseClosed()];
const REOPENED = [...CLOSED, caseReopened];

/** One instance of every command, each valid on its own, so an illegal one fails only for the status. */
const EVERY_COMMAND: Record<RoadCaseCommand['type'], () => RoadCaseCommand> = {
  OpenCase: () => openCase(hoursAfterOpening(1)),
  LinkReport: () => linkReport('report-99'),
  VerifyDefect: () => verifyDefect(),
  RejectCase: () => rejectCase(),
  AssignContractor: () => assignContractor(),
  ReportRepair: () => reportRepair(),
  AcceptRepair: () => acceptRepair(),
  RejectRepair: () => rejectRepair(),
  ReopenCase: () => reopenCase(),
  MarkOverdue: () => markOverdue(hoursAfterOpening(24 * 30)),
};
type CommandType = RoadCaseCommand['type'];

/**
 * Every command the status does not allow is an illegal transition, each tried in the order of EVERY_COMMAND.
 * MarkOverdue never is: it is a sweep, and where it does not apply it does nothing (itIgnoresMarkOverdue).
 */
function itRejectsAllBut(history: RoadCaseEvent[], status: CaseStatus, allowed: CommandType[]) {
  const illegal = (Object.keys(EVERY_COMMAND) as CommandType[]).filter(
    (type) => type !== 'MarkOverdue' && !allowed.includes(type),
  );
  it.each(illegal)(`%s is an illegal transition (409, status ${status})`, (type) => {
    spec
      .given(history)
      .when(EVERY_COMMAND[type]())
      .thenThrows(errors.IllegalCaseTransitionError, {
        httpStatus: 409,
        code: 'illegal_transition',
        details: { status, command: type },
      });
  });
}

/** MarkOverdue is a sweep: on a case that is not assigned it does nothing rather than fail. */
function itIgnoresMarkOverdue(history: RoadCaseEvent[]) {
  it('MarkOverdue, even long past any due date, decides nothing', () => {
    spec
      .given(history)
      .when(markOverdue(hoursAfterOpening(24 * 365)))
      .then([]);
  });
}

/** LinkReport where the case takes reports: a new report is linked; a known one (by default report-1) adds nothing. */
function itLinksOnlyNewReports(
  history: RoadCaseEvent[],
  newReportId: string,
  known: { history: RoadCaseEvent[]; reportId: string } = { history, reportId: 'report-1' },
) {
  it('LinkReport links a new report', () => {
    spec
      .given(history)
      .when(linkReport(newReportId))
      .then([reportLinked(newReportId)]);
  });

  it('LinkReport of a known report adds nothing', () => {
    spec.given(known.history).when(linkReport(known.reportId)).then([]);
  });
}

/** Where the case takes no more reports, even one already on it is refused rather than ignored. */
function itRefusesLinkingAKnownReport(history: RoadCaseEvent[], status: CaseStatus) {
  it(`LinkReport of a report already on the ${status} case is illegal too, not silently ignored`, () => {
    spec
      .given(history)
      .when(linkReport('report-1'))
      .thenThrows(errors.IllegalCaseTransitionError, { details: { status } });
  });
}

describe('roadCaseDecider', () => {
  describe('When no case exists', () => {
    const opening = spec.given([]).when(openCase());

    it('OpenCase opens the case, stamping openedAt from the command time', () => opening.then([caseOpened]));

    it('OpenCase leads to status opened with its reports', () =>
      opening.thenState((state) => {
        expect(state.status).toBe('opened');
        expect(state.openedAt).toBe('2020-05-04T08:00:00.000Z');
        expect(state.reportIds).toEqual(['report-1']);
      }));

    itRejectsAllBut([], 'none', ['OpenCase']);
    itIgnoresMarkOverdue([]);
  });

  describe('When opened', () => {
    it('VerifyDefect records severity, area and estimated cost', () => {
      spec
        .given(OPENED)
        .when(verifyDefect('critical'))
        .then([defectVerified('critical')]);
    });

    it('VerifyDefect leads to status verified', () => {
      spec
        .given(OPENED)
        .when(verifyDefect('low'))
        .thenState((state) => {
          expect(state.status).toBe('verified');
          expect(state.severity).toBe('low');
          expect(state.estimatedCostTiyn).toBe(15_000_000);
        });
    });

    it('RejectCase rejects the case with its reason', () => {
      spec
        .given(OPENED)
        .when(rejectCase())
        .then([caseRejected], (state) => expect(state.status).toBe('rejected'));
    });

    it('LinkReport links a new report', () => {
      spec
        .given(OPENED)
        .when(linkReport('report-2'))
        .then([reportLinked('report-2')], (state) => expect(state.reportIds).toEqual(['report-1', 'report-2']));
    });

    it('LinkReport of the report the case was opened from adds nothing', () => {
      spec.given(OPENED).when(linkReport('report-1')).then([]);
    });

    it('LinkReport of a report linked before adds nothing', () => {
      spec
        .given([...OPENED, reportLinked('report-2')])
        .when(linkReport('report-2'))
        .then([]);
    });

    itRejectsAllBut(OPENED, 'opened', ['LinkReport', 'VerifyDefect', 'RejectCase']);
    itIgnoresMarkOverdue(OPENED);
  });

  describe('When verified', () => {
    it.each([
      ['critical', 1],
      ['high', 3],
      ['medium', 10],
      ['low', 30],
    ] as const)('AssignContractor on a %s defect is due %i day(s) after assignment by default', (severity, days) => {
      spec
        .given([...OPENED, defectVerified(severity)])
        .when(assignContractor())
        .then([contractorAssigned({ dueAt: iso(new Date(ASSIGNED_NOW.getTime() + days * DAY_MS)) })]);
    });

    it('AssignContractor takes the deadlines from the command, not from the defaults', () => {
      const deadlines = { ...DEFAULT_SEVERITY_DEADLINES, high: 5 };
      spec
        .given(VERIFIED)
        .when(assignContractor({ deadlines }))
        .then([contractorAssigned({ dueAt: '2020-05-10T08:00:00.000Z' })]);
    });

    it('AssignContractor with an explicit future dueAt uses it instead of the deadline', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ dueAt: '2020-05-06T12:00:00.000Z' }))
        .then([contractorAssigned({ dueAt: '2020-05-06T12:00:00.000Z' })]);
    });

    it('AssignContractor with a dueAt in the past is refused (field dueAt)', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ dueAt: '2020-05-05T07:59:59.000Z' }))
        .thenThrows(errors.DueDateInPastError, {
          httpStatus: 400,
          field: 'dueAt',
          details: { field: 'dueAt' },
        });
    });

    it('AssignContractor with dueAt equal to now is refused: it must be in the future', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ dueAt: iso(ASSIGNED_NOW) }))
        .thenThrows(errors.DueDateInPastError, { field: 'dueAt' });
    });

    it('AssignContractor is under warranty when the warranty ends after the case was opened', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ contract: CONTRACT_IN_WARRANTY }))
        .then([contractorAssigned({ underWarranty: true })]);
    });

    it('AssignContractor is under warranty when the warranty ends exactly when the case was opened', () => {
      const contract = { ...CONTRACT_IN_WARRANTY, warrantyEndsAt: iso(OPENED_AT) };
      spec
        .given(VERIFIED)
        .when(assignContractor({ contract }))
        .then([contractorAssigned({ underWarranty: true })]);
    });

    it('AssignContractor under warranty to another contractor is refused (field contractorBin)', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ contractorBin: OTHER_BIN, contract: CONTRACT_IN_WARRANTY }))
        .thenThrows(errors.WarrantyContractorMismatchError, {
          httpStatus: 400,
          field: 'contractorBin',
          details: { field: 'contractorBin', warrantyContractorBin: CONTRACTOR_BIN },
        });
    });

    it('AssignContractor out of warranty is not under warranty and may go to any contractor', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ contractorBin: OTHER_BIN, contract: CONTRACT_OUT_OF_WARRANTY }))
        .then([contractorAssigned({ contractorBin: OTHER_BIN, contractId: 'contract-2', underWarranty: false })]);
    });

    it("AssignContractor out of warranty to the contract's own contractor is also not under warranty", () => {
      spec
        .given(VERIFIED)
        .when(assignContractor({ contract: CONTRACT_OUT_OF_WARRANTY }))
        .then([contractorAssigned({ contractId: 'contract-2', underWarranty: false })]);
    });

    it('AssignContractor leads to status assigned, first assignment', () => {
      spec
        .given(VERIFIED)
        .when(assignContractor())
        .thenState((state) => {
          expect(state.status).toBe('assigned');
          expect(state.contractorBin).toBe(CONTRACTOR_BIN);
          expect(state.contractId).toBe('contract-1');
          expect(state.dueAt).toBe(iso(DUE_AT));
          expect(state.underWarranty).toBe(true);
          expect(state.assignment).toBe(1);
        });
    });

    itLinksOnlyNewReports(VERIFIED, 'report-3');

    itRejectsAllBut(VERIFIED, 'verified', ['LinkReport', 'AssignContractor']);
    itIgnoresMarkOverdue(VERIFIED);
  });

  describe('When rejected', () => {
    itRejectsAllBut(REJECTED, 'rejected', []);
    itRefusesLinkingAKnownReport(REJECTED, 'rejected');

    itIgnoresMarkOverdue(REJECTED);
  });

  describe('When assigned', () => {
    it('ReportRepair by the assigned contractor reports the repair', () => {
      spec
        .given(ASSIGNED)
        .when(reportRepair(CONTRACTOR_BIN))
        .then([repairReported], (state) => expect(state.status).toBe('repair_reported'));
    });

    it('ReportRepair by another contractor is forbidden (403)', () => {
      spec
        .given(ASSIGNED)
        .when(reportRepair(OTHER_BIN))
        .thenThrows(errors.NotTheAssignedContractorError, {
          httpStatus: 403,
          details: { contractorBin: OTHER_BIN },
        });
    });

    it("ReportRepair by the contract's contractor is forbidden when another contractor was assigned (out of warranty)", () => {
      const history = [
        ...VERIFIED,
        contractorAssigned({ contractorBin: OTHER_BIN, contractId: 'contract-2', underWarranty: false }),
      ];
      spec
        .given(history)
        .when(reportRepair(CONTRACTOR_BIN))
        .thenThrows(errors.NotTheAssignedContractorError, { details: { contractorBin: CONTRACTOR_BIN } });
      spec
        .given(history)
        .when(reportRepair(OTHER_BIN))
        .then([{ type: 'RepairReported', data: { contractorBin: OTHER_BIN, note: 'Patched with hot asphalt' } }]);
    });

    itLinksOnlyNewReports(ASSIGNED, 'report-4', {
      history: [...ASSIGNED, reportLinked('report-4')],
      reportId: 'report-4',
    });

    it('MarkOverdue past the due date escalates the case', () => {
      spec
        .given(ASSIGNED)
        .when(markOverdue(new Date(DUE_AT.getTime() + 1_000)))
        .then([caseOverdue(1)]);
    });

    it('MarkOverdue records the escalated assignment', () => {
      spec
        .given(ASSIGNED)
        .when(markOverdue(new Date(DUE_AT.getTime() + DAY_MS)))
        .thenState((state) => {
          expect(state.escalatedAssignment).toBe(1);
          expect(state.status).toBe('assigned');
        });
    });

    it('MarkOverdue before the due date does nothing', () => {
      spec
        .given(ASSIGNED)
        .when(markOverdue(new Date(DUE_AT.getTime() - 1_000)))
        .then([]);
    });

    it('MarkOverdue exactly at the due date does nothing: not yet past it', () => {
      spec.given(ASSIGNED).when(markOverdue(DUE_AT)).then([]);
    });

    it('MarkOverdue a second time for the same assignment does nothing', () => {
      spec
        .given([...ASSIGNED, caseOverdue(1)])
        .when(markOverdue(new Date(DUE_AT.getTime() + 2 * DAY_MS)))
        .then([]);
    });

    it('MarkOverdue after a rejected repair (same assignment, already escalated) does nothing', () => {
      const history = [...ASSIGNED, caseOverdue(1), repairReported, repairRejected(1)];
      spec
        .given(history)
        .when(markOverdue(new Date(DUE_AT.getTime() + 5 * DAY_MS)))
        .then([]);
    });

    it('MarkOverdue after a rejected repair that was never escalated escalates it', () => {
      const history = [...ASSIGNED, repairReported, repairRejected(1)];
      spec
        .given(history)
        .when(markOverdue(new Date(DUE_AT.getTime() + DAY_MS)))
        .then([caseOverdue(1)]);
    });

    it('MarkOverdue escalates a new assignment after reopening, even though the first one was escalated', () => {
      const secondDueAt = '2020-06-20T08:00:00.000Z';
      const history = [
        ...VERIFIED,
        contractorAssigned(),
        caseOverdue(1),
        repairReported,
        repairAccepted(),
        caseClosed(),
        caseReopened,
        contractorAssigned({ assignment: 2, dueAt: secondDueAt }),
      ];
      spec
        .given(history)
        .when(markOverdue(new Date('2020-06-21T08:00:00.000Z')))
        .then([caseOverdue(2, secondDueAt)]);
    });

    itRejectsAllBut(ASSIGNED, 'assigned', ['LinkReport', 'ReportRepair']);
  });

  describe('When repair reported', () => {
    it('AcceptRepair on time records the repair and closes the case', () => {
      spec
        .given(REPAIR_REPORTED)
        .when(acceptRepair(hoursAfterOpening(60)))
        .then([repairAccepted(), caseClosed(['report-1'])]);
    });

    it('AcceptRepair exactly at the due date is on time', () => {
      spec.given(REPAIR_REPORTED).when(acceptRepair(DUE_AT)).then([repairAccepted(), caseClosed()]);
    });

    it('AcceptRepair after the due date is not on time', () => {
      spec
        .given(REPAIR_REPORTED)
        .when(acceptRepair(new Date(DUE_AT.getTime() + 1_000), 16_000_000))
        .then([repairAccepted({ actualCostTiyn: 16_000_000, onTime: false }), caseClosed()]);
    });

    it('AcceptRepair of a repair out of warranty records the assigned contractor and contract', () => {
      const history = [
        ...VERIFIED,
        contractorAssigned({ contractorBin: OTHER_BIN, contractId: 'contract-2', underWarranty: false }),
        { type: 'RepairReported', data: { contractorBin: OTHER_BIN, note: 'Patched' } } as RoadCaseEvent,
      ];
      spec
        .given(history)
        .when(acceptRepair())
        .then([
          repairAccepted({ underWarranty: false, contractId: 'contract-2', contractorBin: OTHER_BIN }),
          caseClosed(),
        ]);
    });

    it('AcceptRepair closes the case with every linked report', () => {
      const history = [
        caseOpened,
        reportLinked('report-2'),
        defectVerified(),
        reportLinked('report-3'),
        contractorAssigned(),
        repairReported,
        reportLinked('report-4'),
      ];
      spec
        .given(history)
        .when(acceptRepair())
        .then([repairAccepted(), caseClosed(['report-1', 'report-2', 'report-3', 'report-4'])]);
    });

    it('AcceptRepair leads to status closed', () => {
      spec
        .given(REPAIR_REPORTED)
        .when(acceptRepair())
        .thenState((state) => expect(state.status).toBe('closed'));
    });

    it('RejectRepair returns the case to assigned and counts a rework', () => {
      spec
        .given(REPAIR_REPORTED)
        .when(rejectRepair())
        .then([repairRejected(1)], (state) => {
          expect(state.status).toBe('assigned');
          expect(state.reworks).toBe(1);
          expect(state.contractorBin).toBe(CONTRACTOR_BIN);
          expect(state.dueAt).toBe(iso(DUE_AT));
        });
    });

    it('RejectRepair a second time counts a second rework', () => {
      spec
        .given([...REPAIR_REPORTED, repairRejected(1), repairReported])
        .when(rejectRepair())
        .then([repairRejected(2)]);
    });

    itLinksOnlyNewReports(REPAIR_REPORTED, 'report-5');

    itRejectsAllBut(REPAIR_REPORTED, 'repair_reported', ['LinkReport', 'AcceptRepair', 'RejectRepair']);

    it('MarkOverdue past the due date does nothing: the repair is reported, the case is not assigned', () => {
      spec
        .given(REPAIR_REPORTED)
        .when(markOverdue(new Date(DUE_AT.getTime() + DAY_MS)))
        .then([]);
    });
  });

  describe('When closed', () => {
    const reopening = spec.given(CLOSED).when(reopenCase());

    it('ReopenCase reopens the case with its reason', () => reopening.then([caseReopened]));

    it('ReopenCase goes back to verified, keeping the defect and dropping the assignment', () =>
      reopening.thenState((state) => {
        expect(state.status).toBe('verified');
        expect(state.severity).toBe('high');
        expect(state.contractorBin).toBeNull();
        expect(state.contractId).toBeNull();
        expect(state.dueAt).toBeNull();
        expect(state.assignment).toBe(1);
      }));

    itRejectsAllBut(CLOSED, 'closed', ['ReopenCase']);
    itRefusesLinkingAKnownReport(CLOSED, 'closed');

    itIgnoresMarkOverdue(CLOSED);
  });

  describe('When reopened (verified again)', () => {
    it('AssignContractor makes a second assignment, due from the new assignment time', () => {
      const now = hoursAfterOpening(24 * 41);
      spec
        .given(REOPENED)
        .when(assignContractor({ now }))
        .then([contractorAssigned({ assignment: 2, dueAt: iso(new Date(now.getTime() + 3 * DAY_MS)) })]);
    });

    it('AssignContractor checks warranty against the original opening date', () => {
      const contract = { ...CONTRACT_IN_WARRANTY, warrantyEndsAt: iso(hoursAfterOpening(1)) };
      spec
        .given(REOPENED)
        .when(assignContractor({ contractorBin: OTHER_BIN, contract, now: hoursAfterOpening(24 * 41) }))
        .thenThrows(errors.WarrantyContractorMismatchError, { field: 'contractorBin' });
    });

    itRejectsAllBut(REOPENED, 'verified', ['LinkReport', 'AssignContractor']);
  });

  describe('A full history', () => {
    it('open → verify → assign → report → reject repair → report → accept folds to closed with one rework', () => {
      const history = [
        caseOpened,
        defectVerified('medium'),
        contractorAssigned({ dueAt: '2020-05-15T08:00:00.000Z' }),
        repairReported,
        repairRejected(1),
        repairReported,
      ];
      let folded: RoadCaseState | undefined;
      spec
        .given(history)
        .when(acceptRepair(hoursAfterOpening(110)))
        .thenState((state) => {
          folded = state;
          expect(state.status).toBe('closed');
          expect(state.reworks).toBe(1);
          expect(state.assignment).toBe(1);
          expect(state.severity).toBe('medium');
          expect(state.reportIds).toEqual(['report-1']);
        });
      expect(folded).toBeDefined();
    });
  });
});

describe('Warranty end as published by budgets (a date)', () => {
  it("covers a case opened during the warranty's last day in Almaty, not one opened the day after", () => {
    const lastDay: ContractTerms = {
      contractId: 'contract-3',
      contractorBin: CONTRACTOR_BIN,
      warrantyEndsAt: '2020-05-04',
    };
    spec
      .given([caseOpened, defectVerified()])
      .when(assignContractor({ contract: lastDay }))
      .thenState((state) => expect(state.underWarranty).toBe(true));
    const dayBefore: ContractTerms = { ...lastDay, warrantyEndsAt: '2020-05-03' };
    spec
      .given([caseOpened, defectVerified()])
      .when(assignContractor({ contract: dayBefore }))
      .thenState((state) => expect(state.underWarranty).toBe(false));
  });
});
