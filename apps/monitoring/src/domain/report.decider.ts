import { decideByType, type Decider } from '@app/domain-kernel';
import type {
  AcceptReport,
  LinkCase,
  MarkDuplicate,
  RejectReport,
  ReopenReport,
  ReportCommand,
  ResolveReport,
  StartReview,
  SubmitReport,
} from './report.commands';
import {
  IllegalReportTransitionError,
  NotTheReporterError,
  ReportDetailsMismatchError,
  SelfDuplicateError,
} from './report.errors';
import type { ReportEvent, ReportForwarded } from './report.events';
import { initialReportState, type ReportState } from './report.state';
import type { ReportStatus } from './report.types';

function requireStatus(command: ReportCommand, state: ReportState, ...allowed: ReportStatus[]): void {
  if (!allowed.includes(state.status)) throw new IllegalReportTransitionError(command.type, state.status);
}

const submit = (c: SubmitReport, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'none');
  const road = c.data.kind === 'road_defect';
  if (road !== Boolean(c.data.road) || Boolean(c.data.road) === Boolean(c.data.budget)) {
    throw new ReportDetailsMismatchError(road ? 'road' : 'budget', c.data.kind);
  }
  return [{ type: 'ReportSubmitted', data: { ...c.data, submittedAt: c.metadata.now.toISOString() } }];
};

const startReview = (c: StartReview, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'submitted');
  return [{ type: 'ReviewStarted', data: { moderatorId: c.metadata.actor.id } }];
};

/** What the receiving service needs, and nothing about the reporter. */
function forwarded(s: ReportState): ReportForwarded['data'] {
  if (s.kind === 'road_defect') {
    const { location, district, address, defectType } = s.road!;
    return {
      reportId: s.reportId,
      kind: 'road_defect',
      location,
      district,
      address,
      defectType,
      description: s.description,
    };
  }
  return { reportId: s.reportId, kind: 'budget_execution', description: s.description, ...s.budget! };
}

/** Accepting hands the report over at once: road defects to road-cases, budget doubts to budgets. */
const accept = (c: AcceptReport, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'under_review');
  return [
    {
      type: 'ReportAccepted',
      data: {
        moderatorId: c.metadata.actor.id,
        meetingDate: c.data.meetingDate,
        forwardedTo: s.kind === 'road_defect' ? 'road-cases' : 'budgets',
      },
    },
    { type: 'ReportForwarded', data: forwarded(s) },
  ];
};

const reject = (c: RejectReport, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'under_review');
  return [{ type: 'ReportRejected', data: { moderatorId: c.metadata.actor.id, ...c.data } }];
};

const markDuplicate = (c: MarkDuplicate, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'under_review');
  if (c.data.duplicateOf === s.reportId) throw new SelfDuplicateError();
  return [{ type: 'ReportMarkedDuplicate', data: { moderatorId: c.metadata.actor.id, ...c.data } }];
};

/** road-cases opened or joined a case for this report; the citizen sees its id. Said twice, it is said once. */
const linkCase = (c: LinkCase, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'accepted', 'resolved');
  if (s.caseId === c.data.caseId) return [];
  return [{ type: 'ReportCaseLinked', data: c.data }];
};

/** Resolution comes only from the service the report went to; a repeated resolution changes nothing. */
const resolve = (c: ResolveReport, s: ReportState): ReportEvent[] => {
  if (s.status === 'resolved') return [];
  requireStatus(c, s, 'accepted');
  return [{ type: 'ReportResolved', data: c.data }];
};

/** A resolved report goes back to the club's agenda, when its reporter or a moderator says the matter is not over. */
const reopen = (c: ReopenReport, s: ReportState): ReportEvent[] => {
  requireStatus(c, s, 'resolved');
  const actor = c.metadata.actor;
  const byReporter = s.reporterId !== null && actor.id === s.reporterId;
  if (!byReporter && actor.role !== 'moderator') throw new NotTheReporterError(actor.id);
  return [{ type: 'ReportReopened', data: { reason: c.data.reason, byReporter, reopenCount: s.reopenCount + 1 } }];
};

export const reportDecider: Decider<ReportState, ReportCommand, ReportEvent> = {
  initialState: initialReportState,

  decide: decideByType({
    SubmitReport: submit,
    StartReview: startReview,
    AcceptReport: accept,
    RejectReport: reject,
    MarkDuplicate: markDuplicate,
    LinkCase: linkCase,
    ResolveReport: resolve,
    ReopenReport: reopen,
  }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportSubmitted': {
        const d = event.data;
        return {
          ...state,
          status: 'submitted',
          reportId: d.reportId,
          kind: d.kind,
          reporterId: d.reporterId,
          description: d.description,
          road: d.road ?? null,
          budget: d.budget ?? null,
        };
      }
      case 'ReviewStarted':
        return { ...state, status: 'under_review' };
      case 'ReportAccepted':
        return { ...state, status: 'accepted' };
      case 'ReportForwarded':
        return state;
      case 'ReportRejected':
        return { ...state, status: 'rejected' };
      case 'ReportMarkedDuplicate':
        return { ...state, status: 'duplicate', duplicateOf: event.data.duplicateOf };
      case 'ReportCaseLinked':
        return { ...state, caseId: event.data.caseId };
      case 'ReportResolved':
        return { ...state, status: 'resolved', outcome: event.data.outcome };
      case 'ReportReopened':
        return { ...state, status: 'submitted', outcome: null, reopenCount: event.data.reopenCount };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
