import { decideByType, evolveByType, statusGuard, pick, type Decider } from '@app/domain-kernel';
import type { ReportCommand } from './report.commands';
import {
  IllegalReportTransitionError,
  NotTheReporterError,
  ReportDetailsMismatchError,
  SelfDuplicateError,
} from './report.errors';
import type { ReportEvent, ReportForwarded } from './report.events';
import { initialReportState, type ReportState } from './report.state';

const requireStatus = statusGuard(IllegalReportTransitionError);

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

const decide = decideByType<ReportState, ReportCommand, ReportEvent>({
  SubmitReport(c, s) {
    requireStatus(c, s, 'none');
    const road = c.data.kind === 'road_defect';
    if (road !== Boolean(c.data.road) || Boolean(c.data.road) === Boolean(c.data.budget)) {
      throw new ReportDetailsMismatchError(road ? 'road' : 'budget', c.data.kind);
    }
    return [{ type: 'ReportSubmitted', data: { ...c.data, submittedAt: c.metadata.now.toISOString() } }];
  },

  StartReview(c, s) {
    requireStatus(c, s, 'submitted');
    return [{ type: 'ReviewStarted', data: { moderatorId: c.metadata.actor.id } }];
  },

  /** Accepting hands the report over at once: road defects to road-cases, budget doubts to budgets. */
  AcceptReport(c, s) {
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
  },

  RejectReport(c, s) {
    requireStatus(c, s, 'under_review');
    return [{ type: 'ReportRejected', data: { moderatorId: c.metadata.actor.id, ...c.data } }];
  },

  MarkDuplicate(c, s) {
    requireStatus(c, s, 'under_review');
    if (c.data.duplicateOf === s.reportId) throw new SelfDuplicateError();
    return [{ type: 'ReportMarkedDuplicate', data: { moderatorId: c.metadata.actor.id, ...c.data } }];
  },

  /** road-cases opened or joined a case for this report; the citizen sees its id. Said twice, it is said once. */
  LinkCase(c, s) {
    requireStatus(c, s, 'accepted', 'resolved');
    if (s.caseId === c.data.caseId) return [];
    return [{ type: 'ReportCaseLinked', data: c.data }];
  },

  /** Resolution comes only from the service the report went to; a repeated resolution changes nothing. */
  ResolveReport(c, s) {
    if (s.status === 'resolved') return [];
    requireStatus(c, s, 'accepted');
    return [{ type: 'ReportResolved', data: c.data }];
  },

  /** A resolved report goes back to the club's agenda, when its reporter or a moderator says the matter is not over. */
  ReopenReport(c, s) {
    requireStatus(c, s, 'resolved');
    const actor = c.metadata.actor;
    const byReporter = s.reporterId !== null && actor.id === s.reporterId;
    if (!byReporter && actor.role !== 'moderator') throw new NotTheReporterError(actor.id);
    return [{ type: 'ReportReopened', data: { reason: c.data.reason, byReporter, reopenCount: s.reopenCount + 1 } }];
  },
});

const evolve = evolveByType<ReportState, ReportEvent>({
  ReportSubmitted: (state, d) => ({
    ...state,
    status: 'submitted',
    ...pick(d, 'reportId', 'kind', 'reporterId', 'description'),
    road: d.road ?? null,
    budget: d.budget ?? null,
  }),
  ReviewStarted: (state) => ({ ...state, status: 'under_review' }),
  ReportAccepted: (state) => ({ ...state, status: 'accepted' }),
  ReportForwarded: (state) => state,
  ReportRejected: (state) => ({ ...state, status: 'rejected' }),
  ReportMarkedDuplicate: (state, d) => ({ ...state, status: 'duplicate', duplicateOf: d.duplicateOf }),
  ReportCaseLinked: (state, d) => ({ ...state, caseId: d.caseId }),
  ReportResolved: (state, d) => ({ ...state, status: 'resolved', outcome: d.outcome }),
  ReportReopened: (state, d) => ({ ...state, status: 'submitted', outcome: null, reopenCount: d.reopenCount }),
});

export const reportDecider: Decider<ReportState, ReportCommand, ReportEvent> = {
  initialState: initialReportState,
  decide,
  evolve,
};
