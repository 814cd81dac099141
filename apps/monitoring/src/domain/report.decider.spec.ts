import { deciderSpec, illegalTransitions, specCommands } from '@app/domain-kernel/testing';
import type { ReportCommand } from './report.commands';
import { reportDecider } from './report.decider';
import * as errors from './report.errors';
import type { ReportEvent } from './report.events';
import type { BudgetExecutionDetails, RoadDefectDetails } from './report.types';

const spec = deciderSpec(reportDecider);

// ---- actors, time, details -------------------------------------------------------------------------------------------
const SUBMITTED_AT = new Date('2020-03-16T05:00:00.000Z');
const CITIZEN = { id: 'citizen-1', role: 'citizen' };
const OTHER_CITIZEN = { id: 'citizen-2', role: 'citizen' };
const MODERATOR = { id: 'moderator-1', role: 'moderator' };
const ROAD_CASES = { id: 'inspector-1', role: 'inspector' };
const MEETING = '2020-03-19';

const ROAD: RoadDefectDetails = {
  location: { lat: 42.9, lon: 71.3667 },
  district: 'Taraz',
  address: 'Tole bi 12',
  defectType: 'pothole',
  photos: ['https://photos.example/1.jpg'],
};
const BUDGET: BudgetExecutionDetails = {
  institutionBin: '123456789012',
  programmeCode: '001',
  fiscalYear: 2020,
  doubt: 'Paid twice for the same kerb',
  amountInQuestionTiyn: 12_500_000,
};

const { command } = specCommands<ReportCommand>({ now: SUBMITTED_AT, actor: MODERATOR });

// What the citizen submits, and so what the submission event says.
const ROAD_REPORT = {
  reportId: 'report-1',
  kind: 'road_defect',
  reporterId: 'citizen-1',
  hasContact: true,
  description: 'Deep pothole',
  road: ROAD,
} as const;
const BUDGET_REPORT = {
  reportId: 'report-2',
  kind: 'budget_execution',
  reporterId: null,
  hasContact: false,
  description: 'Doubt',
  budget: BUDGET,
} as const;

const submitRoad = (reporterId: string | null = 'citizen-1') =>
  command('SubmitReport', { ...ROAD_REPORT, reporterId }, { actor: CITIZEN });
const submitBudget = () => command('SubmitReport', BUDGET_REPORT, { actor: CITIZEN });
const startReview = () => command('StartReview', {});
const accept = () => command('AcceptReport', { meetingDate: MEETING });
const reject = () => command('RejectReport', { meetingDate: MEETING, reason: 'Not in the region' });
const markDuplicate = (duplicateOf = 'report-0') => command('MarkDuplicate', { meetingDate: MEETING, duplicateOf });
const linkCase = (caseId = 'case-1') => command('LinkCase', { caseId }, { actor: ROAD_CASES });
const resolveFixed = () =>
  command(
    'ResolveReport',
    { outcome: 'fixed', reason: null, caseId: 'case-1', source: 'road-cases' },
    { actor: ROAD_CASES },
  );
const resolveWithoutFix = () =>
  command(
    'ResolveReport',
    { outcome: 'closed_without_fix', reason: 'Not a road defect', caseId: 'case-1', source: 'road-cases' },
    { actor: ROAD_CASES },
  );
const reopen = (actor = CITIZEN) => command('ReopenReport', { reason: 'The pothole is back' }, { actor });

// ---- events ----------------------------------------------------------------------------------------------------------
const roadSubmitted: ReportEvent = {
  type: 'ReportSubmitted',
  data: { ...ROAD_REPORT, submittedAt: SUBMITTED_AT.toISOString() },
};
const budgetSubmitted: ReportEvent = {
  type: 'ReportSubmitted',
  data: { ...BUDGET_REPORT, submittedAt: SUBMITTED_AT.toISOString() },
};
const reviewStarted: ReportEvent = { type: 'ReviewStarted', data: { moderatorId: 'moderator-1' } };
const accepted = (forwardedTo: 'road-cases' | 'budgets' = 'road-cases'): ReportEvent => ({
  type: 'ReportAccepted',
  data: { moderatorId: 'moderator-1', meetingDate: MEETING, forwardedTo },
});
const roadForwarded: ReportEvent = {
  type: 'ReportForwarded',
  data: {
    reportId: 'report-1',
    kind: 'road_defect',
    location: ROAD.location,
    district: 'Taraz',
    address: 'Tole bi 12',
    defectType: 'pothole',
    description: 'Deep pothole',
  },
};
const budgetForwarded: ReportEvent = {
  type: 'ReportForwarded',
  data: { reportId: 'report-2', kind: 'budget_execution', description: 'Doubt', ...BUDGET },
};
const caseLinked: ReportEvent = { type: 'ReportCaseLinked', data: { caseId: 'case-1' } };
const resolvedFixed: ReportEvent = {
  type: 'ReportResolved',
  data: { outcome: 'fixed', reason: null, caseId: 'case-1', source: 'road-cases' },
};

// ---- histories per state ---------------------------------------------------------------------------------------------
const SUBMITTED = [roadSubmitted];
const UNDER_REVIEW = [...SUBMITTED, reviewStarted];
const ACCEPTED = [...UNDER_REVIEW, accepted(), roadForwarded];
const LINKED = [...ACCEPTED, caseLinked];
const RESOLVED = [...LINKED, resolvedFixed];
const REJECTED = [
  ...UNDER_REVIEW,
  { type: 'ReportRejected', data: { moderatorId: 'moderator-1', meetingDate: MEETING, reason: 'x' } } as ReportEvent,
];
const DUPLICATE = [
  ...UNDER_REVIEW,
  {
    type: 'ReportMarkedDuplicate',
    data: { moderatorId: 'moderator-1', meetingDate: MEETING, duplicateOf: 'report-0' },
  } as ReportEvent,
];

const EVERY_COMMAND: Record<ReportCommand['type'], () => ReportCommand> = {
  SubmitReport: () => submitRoad(),
  StartReview: startReview,
  AcceptReport: accept,
  RejectReport: reject,
  MarkDuplicate: () => markDuplicate(),
  LinkCase: () => linkCase(),
  ResolveReport: resolveFixed,
  ReopenReport: () => reopen(),
};

const itRejectsAsIllegal = illegalTransitions(reportDecider, EVERY_COMMAND, errors.IllegalReportTransitionError);
/** Every command but those the state allows: the ones it refuses, in EVERY_COMMAND's order. */
const allBut = (...allowed: ReportCommand['type'][]) =>
  (Object.keys(EVERY_COMMAND) as ReportCommand['type'][]).filter((type) => !allowed.includes(type));

describe('reportDecider', () => {
  describe('When no report exists', () => {
    it('SubmitReport records a road defect, stamping submittedAt from the command time', () => {
      spec
        .given([])
        .when(submitRoad())
        .then([roadSubmitted], (s) =>
          expect(s).toMatchObject({ status: 'submitted', kind: 'road_defect', reporterId: 'citizen-1' }),
        );
    });

    it('SubmitReport records a budget doubt, anonymous', () => {
      spec.given([]).when(submitBudget()).then([budgetSubmitted]);
    });

    it('SubmitReport refuses details that do not match the kind (400 naming them)', () => {
      const roadWithoutPlace = command('SubmitReport', {
        reportId: 'r',
        kind: 'road_defect',
        reporterId: null,
        hasContact: false,
        description: '',
        budget: BUDGET,
      });
      spec
        .given([])
        .when(roadWithoutPlace)
        .thenThrows(errors.ReportDetailsMismatchError, { httpStatus: 400, details: { field: 'road' } });
      const both = command('SubmitReport', {
        reportId: 'r',
        kind: 'budget_execution',
        reporterId: null,
        hasContact: false,
        description: '',
        budget: BUDGET,
        road: ROAD,
      });
      spec
        .given([])
        .when(both)
        .thenThrows(errors.ReportDetailsMismatchError, { details: { field: 'budget' } });
    });

    itRejectsAsIllegal([], 'none', allBut('SubmitReport'));
  });

  describe('When submitted', () => {
    it('StartReview puts it under review by the moderator', () => {
      spec
        .given(SUBMITTED)
        .when(startReview())
        .then([reviewStarted], (s) => expect(s.status).toBe('under_review'));
    });
    itRejectsAsIllegal(SUBMITTED, 'submitted', allBut('StartReview'));
  });

  describe('When under review', () => {
    it('AcceptReport accepts it at the meeting and forwards a road defect to road-cases, without the reporter', () => {
      spec
        .given(UNDER_REVIEW)
        .when(accept())
        .then([accepted('road-cases'), roadForwarded], (s) => expect(s.status).toBe('accepted'));
    });

    it('AcceptReport forwards a budget doubt to budgets with its programme and amount', () => {
      spec
        .given([budgetSubmitted, reviewStarted])
        .when(accept())
        .then([accepted('budgets'), budgetForwarded]);
    });

    it('RejectReport rejects it with the reason, the meeting and the moderator', () => {
      spec
        .given(UNDER_REVIEW)
        .when(reject())
        .then(
          [
            {
              type: 'ReportRejected',
              data: { moderatorId: 'moderator-1', meetingDate: MEETING, reason: 'Not in the region' },
            },
          ],
          (s) => expect(s.status).toBe('rejected'),
        );
    });

    it('MarkDuplicate marks it a duplicate of another report', () => {
      spec
        .given(UNDER_REVIEW)
        .when(markDuplicate('report-0'))
        .then(
          [
            {
              type: 'ReportMarkedDuplicate',
              data: { moderatorId: 'moderator-1', meetingDate: MEETING, duplicateOf: 'report-0' },
            },
          ],
          (s) => expect(s).toMatchObject({ status: 'duplicate', duplicateOf: 'report-0' }),
        );
    });

    it('MarkDuplicate of itself is refused (400 naming duplicateOf)', () => {
      spec
        .given(UNDER_REVIEW)
        .when(markDuplicate('report-1'))
        .thenThrows(errors.SelfDuplicateError, { details: { field: 'duplicateOf' } });
    });
    itRejectsAsIllegal(UNDER_REVIEW, 'under_review', allBut('AcceptReport', 'RejectReport', 'MarkDuplicate'));
  });

  describe('When accepted', () => {
    it('LinkCase records the road case that answers it, once', () => {
      spec
        .given(ACCEPTED)
        .when(linkCase())
        .then([caseLinked], (s) => expect(s.caseId).toBe('case-1'));
      spec.given(LINKED).when(linkCase()).then([]);
    });

    it('ResolveReport resolves it as fixed', () => {
      spec
        .given(LINKED)
        .when(resolveFixed())
        .then([resolvedFixed], (s) => expect(s).toMatchObject({ status: 'resolved', outcome: 'fixed' }));
    });

    it('ResolveReport closes it without fix, with the reason', () => {
      spec
        .given(LINKED)
        .when(resolveWithoutFix())
        .then([
          {
            type: 'ReportResolved',
            data: {
              outcome: 'closed_without_fix',
              reason: 'Not a road defect',
              caseId: 'case-1',
              source: 'road-cases',
            },
          },
        ]);
    });
    itRejectsAsIllegal(ACCEPTED, 'accepted', allBut('LinkCase', 'ResolveReport'));
  });

  describe('When resolved', () => {
    it('ResolveReport again (a redelivered or second case) changes nothing', () => {
      spec.given(RESOLVED).when(resolveWithoutFix()).then([]);
    });

    it('ReopenReport by its reporter sends it back to the club', () => {
      spec
        .given(RESOLVED)
        .when(reopen(CITIZEN))
        .then(
          [{ type: 'ReportReopened', data: { reason: 'The pothole is back', byReporter: true, reopenCount: 1 } }],
          (s) => expect(s).toMatchObject({ status: 'submitted', outcome: null, reopenCount: 1 }),
        );
    });

    it('ReopenReport by a moderator is allowed too', () => {
      spec
        .given(RESOLVED)
        .when(reopen(MODERATOR))
        .then([{ type: 'ReportReopened', data: { reason: 'The pothole is back', byReporter: false, reopenCount: 1 } }]);
    });

    it('ReopenReport by another citizen is forbidden (403)', () => {
      spec.given(RESOLVED).when(reopen(OTHER_CITIZEN)).thenThrows(errors.NotTheReporterError, { httpStatus: 403 });
    });

    it('ReopenReport of an anonymous report is for moderators only', () => {
      const anonymous = RESOLVED.map((e) =>
        e.type === 'ReportSubmitted' ? { ...e, data: { ...e.data, reporterId: null } } : e,
      ) as ReportEvent[];
      spec
        .given(anonymous)
        .when(reopen({ id: 'anonymous', role: 'anonymous' }))
        .thenThrows(errors.NotTheReporterError);
    });

    it('LinkCase still records a case linked late', () => {
      spec
        .given([...ACCEPTED, resolvedFixed])
        .when(linkCase('case-2'))
        .then([{ type: 'ReportCaseLinked', data: { caseId: 'case-2' } }]);
    });
    itRejectsAsIllegal(RESOLVED, 'resolved', allBut('LinkCase', 'ResolveReport', 'ReopenReport'));
  });

  describe('When reopened', () => {
    const REOPENED = [
      ...RESOLVED,
      { type: 'ReportReopened', data: { reason: 'back', byReporter: true, reopenCount: 1 } } as ReportEvent,
    ];
    it('StartReview takes it to the club again', () => {
      spec.given(REOPENED).when(startReview()).then([reviewStarted]);
    });
    it('a late CaseClosed cannot resolve it behind the club', () => {
      spec
        .given(REOPENED)
        .when(resolveFixed())
        .thenThrows(errors.IllegalReportTransitionError, { details: { status: 'submitted' } });
    });
  });

  describe('When rejected or duplicate', () => {
    itRejectsAsIllegal(REJECTED, 'rejected', allBut());
    itRejectsAsIllegal(DUPLICATE, 'duplicate', allBut());
  });
});
