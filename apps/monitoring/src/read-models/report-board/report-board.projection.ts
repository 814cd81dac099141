import { streamRowProjection, type ColumnNameOf } from '@app/event-store';
import type { ReportEvent } from '../../domain/report.events';
import { reportBoardColumns } from './report-board.columns';

export const REPORT_STREAM = 'Report';

/** The columns an event changes; a name that is no column of the board does not compile. */
type Row = { [column in ColumnNameOf<typeof reportBoardColumns>]?: unknown };

/** What a moderator's decision sets, whichever it is: the status it gives, at which meeting, by whom, when. */
const decision = (status: string, d: { meetingDate: string; moderatorId: string }, at: string): Row => ({
  status,
  meeting_date: d.meetingDate,
  moderator_id: d.moderatorId,
  decided_at: at,
});

/** Column changes each event makes to its report's row. */
function changes(e: ReportEvent, at: string): Row {
  switch (e.type) {
    case 'ReportSubmitted': {
      const d = e.data;
      return {
        kind: d.kind,
        status: 'submitted',
        district: d.road?.district ?? null,
        reporter_id: d.reporterId,
        description: d.description,
        details: d.road ?? d.budget,
        submitted_at: d.submittedAt,
      };
    }
    case 'ReviewStarted':
      return { status: 'under_review', review_started_at: at };
    case 'ReportAccepted':
      return { ...decision('accepted', e.data, at), forwarded_to: e.data.forwardedTo };
    case 'ReportForwarded':
      return {};
    case 'ReportRejected':
      return { ...decision('rejected', e.data, at), reason: e.data.reason };
    case 'ReportMarkedDuplicate':
      return { ...decision('duplicate', e.data, at), duplicate_of: e.data.duplicateOf };
    case 'ReportCaseLinked':
      return { case_id: e.data.caseId };
    case 'ReportResolved':
      return {
        status: 'resolved',
        outcome: e.data.outcome,
        reason: e.data.reason,
        resolved_at: at,
        ...(e.data.caseId ? { case_id: e.data.caseId } : {}),
      };
    case 'ReportReopened':
      return { status: 'submitted', outcome: null, resolved_at: null, reopen_count: e.data.reopenCount };
  }
}

/** One row per report: the club's agenda, the lists and filters, the citizen's own reports, the public stats. */
export const reportBoardProjection = streamRowProjection<ReportEvent>({
  name: 'report-board',
  table: 'report_board',
  streamType: REPORT_STREAM,
  columns: reportBoardColumns,
  indexes: ['status, submitted_at', 'reporter_id', 'meeting_date'],
  startedBy: 'ReportSubmitted',
  changes,
});
