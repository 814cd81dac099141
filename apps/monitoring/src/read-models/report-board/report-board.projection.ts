import type { EntityManager } from 'typeorm';
import { inlineProjection, type ColumnNameOf, type RecordedEvent } from '@app/event-store';
import type { ReportEvent } from '../../domain/report.events';
import { reportBoardColumns } from './report-board.columns';

export const REPORT_STREAM = 'Report';

/** The columns an event changes; a name that is no column of the board does not compile. */
type Row = { [column in ColumnNameOf<typeof reportBoardColumns>]?: unknown };

/** Column changes each event makes to its report's row. */
function changes(event: RecordedEvent<ReportEvent>): Row {
  const at = event.occurredAt.toISOString();
  const e = { type: event.type, data: event.data } as ReportEvent;
  switch (e.type) {
    case 'ReportSubmitted':
      return {};
    case 'ReviewStarted':
      return { status: 'under_review', review_started_at: at };
    case 'ReportAccepted':
      return {
        status: 'accepted',
        meeting_date: e.data.meetingDate,
        moderator_id: e.data.moderatorId,
        forwarded_to: e.data.forwardedTo,
        decided_at: at,
      };
    case 'ReportForwarded':
      return {};
    case 'ReportRejected':
      return {
        status: 'rejected',
        meeting_date: e.data.meetingDate,
        moderator_id: e.data.moderatorId,
        reason: e.data.reason,
        decided_at: at,
      };
    case 'ReportMarkedDuplicate':
      return {
        status: 'duplicate',
        meeting_date: e.data.meetingDate,
        moderator_id: e.data.moderatorId,
        duplicate_of: e.data.duplicateOf,
        decided_at: at,
      };
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

async function applyOne(manager: EntityManager, table: string, event: RecordedEvent<ReportEvent>): Promise<void> {
  if (event.type === 'ReportSubmitted') {
    const d = event.data as Extract<ReportEvent, { type: 'ReportSubmitted' }>['data'];
    await manager.query(
      `INSERT INTO ${table} (report_id, version, kind, status, district, reporter_id, description, details, submitted_at)
       VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $7::jsonb, $8)`,
      [
        event.streamId,
        event.streamVersion,
        d.kind,
        d.road?.district ?? null,
        d.reporterId,
        d.description,
        JSON.stringify(d.road ?? d.budget),
        d.submittedAt,
      ],
    );
    return;
  }
  const set = changes(event);
  const names = Object.keys(set) as (keyof Row)[];
  const params = [event.streamId, event.streamVersion, ...names.map((n) => set[n])];
  const assignments = names.map((n, i) => `, ${n} = $${i + 3}::${reportBoardColumns.cast(n)}`).join('');
  await manager.query(`UPDATE ${table} SET version = $2${assignments} WHERE report_id = $1`, params);
}

/** One row per report: the club's agenda, the lists and filters, the citizen's own reports, the public stats. */
export const reportBoardProjection = inlineProjection<RecordedEvent<ReportEvent>>({
  name: 'report-board',
  table: 'report_board',
  handles: (event) => event.streamType === REPORT_STREAM,
  createTable: (table) => `
    CREATE TABLE ${table} (
      ${reportBoardColumns.definitions()}
    );
    CREATE INDEX ON ${table} (status, submitted_at);
    CREATE INDEX ON ${table} (reporter_id);
    CREATE INDEX ON ${table} (meeting_date)`,
  applyEvent: applyOne,
});
