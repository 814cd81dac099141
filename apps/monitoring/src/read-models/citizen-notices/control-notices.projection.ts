import { projectionTableDdl, statementProjection } from '@app/event-store';
import { DEFAULT_REPORT_LANGUAGE } from '../../domain/report-language';
import { CONTROL_DOCUMENT_STREAM } from '../control-documents/control-documents.projection';
import { CONTROL_NOTICE_KINDS, reportNoticeColumns } from './report-notices.columns';
import { noticeEvents, sqlKindList } from './notice-events';

const KIND_LIST = sqlKindList(CONTROL_NOTICE_KINDS);

/**
 * The public particulars of each step of the public-control loop, named fields only. The institution's reasoning is
 * quoted as given: the law makes the object of control's reply to the club's recommendations public.
 */
const DETAILS = `jsonb_strip_nulls(jsonb_build_object('documentId', a.stream_id) || CASE a.event_type
  WHEN 'FinalDocumentIssued' THEN jsonb_build_object('documentKind', a.payload->>'documentKind',
    'recommendations', jsonb_array_length(a.payload->'recommendations')::text, 'sendDueOn', a.payload->>'sendDueOn')
  WHEN 'FinalDocumentSent' THEN jsonb_build_object('replyDueOn', a.payload->>'replyDueOn', 'late', a.payload->>'late')
  WHEN 'DocumentSendingOverdue' THEN jsonb_build_object('sendDueOn', a.payload->>'sendDueOn')
  WHEN 'RecommendationReplied' THEN jsonb_build_object('number', a.payload->>'number',
    'position', a.payload->>'position', 'reasoning', a.payload->>'reasoning', 'late', a.payload->>'late')
  WHEN 'RecommendationReplyOverdue' THEN jsonb_build_object('number', a.payload->>'number',
    'replyDueOn', a.payload->>'replyDueOn')
  WHEN 'HearingScheduled' THEN jsonb_build_object('hearingOn', a.payload->>'hearingOn',
    'hearingAt', a.payload->>'hearingAt', 'place', a.payload->>'place')
  WHEN 'RecommendationEscalated' THEN jsonb_build_object('number', a.payload->>'number',
    'grounds', a.payload->>'grounds', 'authority', a.payload->>'authority',
    'authorityReference', a.payload->>'authorityReference')
  WHEN 'EscalationOutcomeRecorded' THEN jsonb_build_object('number', a.payload->>'number',
    'liability', a.payload->>'liability', 'protocolNumber', a.payload->>'protocolNumber',
    'fineId', a.payload->>'fineId')
  ELSE '{}'::jsonb END)`;

/**
 * The control notices: each step of the public-control loop over a citizen's report (the club's final document, its
 * sending, each reply or its absence, a hearing, an escalation and its outcome), one row per step, written by the
 * control document's append (inline, so in the same transaction). They have the report notices' columns, so the
 * reporter is e-mailed, webhook subscribers are sent and the feeds list them like any other notice; `document_id`
 * lets a later step find what the document was issued about. A document over a raid has no reporter and no row.
 * The report's status and language come from its notices; its district and the institution are the document's.
 */
export const controlNoticesProjection = statementProjection({
  name: 'control-notices',
  table: 'control_notices',
  ...noticeEvents(CONTROL_DOCUMENT_STREAM, CONTROL_NOTICE_KINDS),
  createTable: (table) =>
    projectionTableDdl(
      table,
      [reportNoticeColumns.definitions(), 'document_id text NOT NULL'],
      [
        'report_id, report_version',
        ['document_id', "kind = 'FinalDocumentIssued'"],
        'occurred_at',
        ['district, occurred_at DESC', 'district IS NOT NULL'],
        'institution_bin, occurred_at DESC',
      ],
    ),
  statement: (from, table) => `
    INSERT INTO ${table} (${reportNoticeColumns.names.join(', ')}, document_id)
    SELECT a.stream_id || ':' || a.stream_version, d.report_id, COALESCE(latest.report_version, 0), a.event_type,
           COALESCE(latest.status, 'accepted'), NULL, d.district, d.institution_bin,
           COALESCE(submitted.language, '${DEFAULT_REPORT_LANGUAGE}'), ${DETAILS}, a.occurred_at, a.stream_id
      FROM ${from} a
      JOIN LATERAL (
        SELECT x.payload->>'subjectId' AS report_id, x.payload->>'district' AS district,
               x.payload->>'institutionBin' AS institution_bin
          FROM ${from} x
         WHERE x.stream_id = a.stream_id AND x.event_type = 'FinalDocumentIssued'
           AND x.payload->>'subjectKind' = 'report'
        UNION ALL
        SELECT n.report_id, n.district, n.institution_bin
          FROM ${table} n WHERE n.document_id = a.stream_id AND n.kind = 'FinalDocumentIssued'
        LIMIT 1) d ON true
      LEFT JOIN LATERAL (
        SELECT n.report_version, n.status FROM report_notices n
         WHERE n.report_id = d.report_id ORDER BY n.report_version DESC LIMIT 1) latest ON true
      LEFT JOIN LATERAL (
        SELECT n.language FROM report_notices n
         WHERE n.report_id = d.report_id AND n.kind = 'ReportSubmitted' LIMIT 1) submitted ON true
     WHERE a.stream_type = '${CONTROL_DOCUMENT_STREAM}' AND a.event_type IN (${KIND_LIST})
    ON CONFLICT (notice_id) DO NOTHING`,
});
