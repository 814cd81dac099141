import { projectionTableDdl, statementProjection } from '@app/event-store';
import { DEFAULT_REPORT_LANGUAGE } from '../../domain/report-language';
import { REPORT_STREAM } from '../report-board/report-board.projection';
import { reportNoticeColumns, REPORT_NOTICE_KINDS } from './report-notices.columns';
import { noticeEvents, sqlKindList } from './notice-events';

const KIND_LIST = sqlKindList(REPORT_NOTICE_KINDS);

/** The report's status after each kind of change (as the report board has it). */
const STATUS_AFTER = `CASE a.event_type
  WHEN 'ReportSubmitted' THEN 'submitted' WHEN 'ReviewStarted' THEN 'under_review'
  WHEN 'ReportAccepted' THEN 'accepted' WHEN 'ReportRejected' THEN 'rejected'
  WHEN 'ReportMarkedDuplicate' THEN 'duplicate' WHEN 'ReportCaseLinked' THEN 'accepted'
  WHEN 'ReportResolved' THEN 'resolved' WHEN 'ReportReopened' THEN 'submitted' END`;

/** The public particulars of each kind: named fields only, so nothing of the payload leaks by accident. */
const DETAILS = `jsonb_strip_nulls(CASE a.event_type
  WHEN 'ReportSubmitted' THEN jsonb_build_object('reportKind', a.payload->>'kind')
  WHEN 'ReportAccepted' THEN jsonb_build_object('forwardedTo', a.payload->>'forwardedTo')
  WHEN 'ReportRejected' THEN jsonb_build_object('reason', a.payload->>'reason')
  WHEN 'ReportMarkedDuplicate' THEN jsonb_build_object('duplicateOf', a.payload->>'duplicateOf')
  WHEN 'ReportResolved' THEN jsonb_build_object('outcome', a.payload->>'outcome', 'reason', a.payload->>'reason')
  WHEN 'ReportReopened' THEN jsonb_build_object('reason', a.payload->>'reason')
  ELSE '{}'::jsonb END)`;

/**
 * The notification outbox: one notice per public status change of a report, written by the append itself (an inline
 * projection, so in the same transaction as the change, whoever appends: a moderator's route, or the road-cases
 * intake in its inbox transaction when a case opens or closes). Rows are never updated; what was sent, to whom and
 * how often lives in the delivery log (notification-deliveries.migration.ts), so a rebuild reproduces this table
 * exactly. A later event finds its report's district, BIN and language on the report's ReportSubmitted notice, in
 * the same batch (a rebuild replays many events at once) or in the table.
 */
export const reportNoticesProjection = statementProjection({
  name: 'report-notices',
  table: 'report_notices',
  ...noticeEvents(REPORT_STREAM, REPORT_NOTICE_KINDS),
  createTable: (table) =>
    projectionTableDdl(
      table,
      [reportNoticeColumns.definitions()],
      [
        'report_id, report_version',
        'occurred_at',
        ['district, occurred_at DESC', 'district IS NOT NULL'],
        ['institution_bin, occurred_at DESC', 'institution_bin IS NOT NULL'],
      ],
    ),
  statement: (from, table) => `
    INSERT INTO ${table} (${reportNoticeColumns.names.join(', ')})
    SELECT a.stream_id || ':' || a.stream_version, a.stream_id, a.stream_version, a.event_type, ${STATUS_AFTER},
           a.payload->>'caseId', COALESCE(s.district, t.district), COALESCE(s.institution_bin, t.institution_bin),
           COALESCE(s.language, t.language, '${DEFAULT_REPORT_LANGUAGE}'), ${DETAILS}, a.occurred_at
      FROM ${from} a
      LEFT JOIN LATERAL (
        SELECT x.payload->'road'->>'district' AS district, x.payload->'budget'->>'institutionBin' AS institution_bin,
               x.payload->>'language' AS language
          FROM ${from} x WHERE x.stream_id = a.stream_id AND x.event_type = 'ReportSubmitted' LIMIT 1) s ON true
      LEFT JOIN LATERAL (
        SELECT n.district, n.institution_bin, n.language
          FROM ${table} n WHERE n.report_id = a.stream_id AND n.kind = 'ReportSubmitted' LIMIT 1) t ON true
     WHERE a.stream_type = '${REPORT_STREAM}' AND a.event_type IN (${KIND_LIST})
    ON CONFLICT (notice_id) DO NOTHING`,
});
