import { createEventStoreFixture, tableIoMeter, type EventStoreFixture } from '@app/testing';
import type { RecordedEvent } from '@app/event-store';
import type { ControlDocumentEvent } from '../../../apps/monitoring/src/domain/control-document.events';
import { ControlDocuments1767500000001 } from '../../../apps/monitoring/src/read-models/control-documents/control-documents.migration';
import { controlDocumentsProjection } from '../../../apps/monitoring/src/read-models/control-documents/control-documents.projection';
import { ControlDocumentQueries } from '../../../apps/monitoring/src/read-models/control-documents/control-documents.queries';
import { ControlDocumentsSweepIndexes1768000000200 } from '../../../apps/monitoring/src/read-models/control-documents/control-documents-sweep-indexes.migration';

// The overdue sweep of the final documents runs every minute with no one asking. The table keeps every document ever
// issued, and nearly all of them are sent and done with (each recommendation answered or marked overdue), so the
// sweep must read only the documents still awaiting something: before its partial indexes it read the whole table and
// unpacked every document's recommendations, a cost that grew with the board's age.
describe("the final documents' overdue sweep", () => {
  let fx: EventStoreFixture;
  const sweepIndexes = new ControlDocumentsSweepIndexes1768000000200();
  const today = '2026-06-01';

  /** The sweep's read as it was before the partial indexes: the one its results must still equal. */
  const BEFORE = `SELECT document_id FROM control_documents
        WHERE (status = 'issued' AND NOT sending_overdue AND send_due_on < $1)
           OR (status = 'sent' AND reply_due_on < $1 AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(recommendations) r
                 WHERE r->'reply' = 'null'::jsonb AND NOT (r->>'replyOverdue')::boolean))
        ORDER BY issued_at LIMIT 1000`;

  // The documents whose history matters, written by the projection itself from their events (issued a day apart, so
  // the sweep's order by issued_at is one order).
  let day = 0;
  const versions = new Map<string, number>();
  const apply = async (documentId: string, ...events: ControlDocumentEvent[]) => {
    const recorded = events.map((e) => {
      const streamVersion = (versions.get(documentId) ?? 0) + 1;
      versions.set(documentId, streamVersion);
      return { streamType: 'ControlDocument', streamId: documentId, streamVersion, type: e.type, data: e.data };
    }) as unknown as RecordedEvent[];
    await fx.dataSource.transaction((m) => controlDocumentsProjection.apply(m, recorded, 'control_documents'));
  };
  const issued = (documentId: string, sendDueOn: string): ControlDocumentEvent => ({
    type: 'FinalDocumentIssued',
    data: {
      documentId,
      subjectKind: 'report',
      subjectId: `report-${documentId}`,
      documentKind: 'recommendations',
      institutionBin: '123456789012',
      district: 'Taraz',
      findings: 'The pothole at Tole bi 1 was not repaired within the term.',
      recommendations: [
        { number: 1, text: 'Repair the pothole' },
        { number: 2, text: 'Inspect the street' },
      ],
      controlEndedOn: '2026-04-01',
      sendWithinWorkingDays: 5,
      sendDueOn,
      calendarUnverified: false,
      issuedBy: 'club-1',
      issuedAt: new Date(Date.UTC(2026, 3, 1 + day++)).toISOString(),
    },
  });
  const sent = (replyDueOn: string): ControlDocumentEvent => ({
    type: 'FinalDocumentSent',
    data: {
      sentAt: '2026-04-20T05:00:00.000Z',
      sentOn: '2026-04-20',
      late: false,
      replyWithinWorkingDays: 20,
      replyDueOn,
      calendarUnverified: false,
    },
  });
  const replied = (number: number): ControlDocumentEvent => ({
    type: 'RecommendationReplied',
    data: {
      number,
      position: 'accepted',
      reasoning: 'Done',
      evidence: [],
      repliedBy: 'official-1',
      repliedAt: '2026-05-02T05:00:00.000Z',
      repliedOn: '2026-05-02',
      late: false,
    },
  });
  const replyOverdue = (number: number): ControlDocumentEvent => ({
    type: 'RecommendationReplyOverdue',
    data: { number, replyDueOn: '2026-05-20', markedAt: '2026-05-21T00:00:00.000Z' },
  });
  const sendingOverdue: ControlDocumentEvent = {
    type: 'DocumentSendingOverdue',
    data: { sendDueOn: '2026-04-10', markedAt: '2026-04-11T00:00:00.000Z' },
  };
  const escalated = (number: number): ControlDocumentEvent => ({
    type: 'RecommendationEscalated',
    data: {
      number,
      grounds: 'unanswered',
      authority: 'Prosecutor of Taraz',
      authorityReference: 'P-1',
      escalatedBy: 'club-1',
      escalatedAt: '2026-05-25T00:00:00.000Z',
    },
  });

  beforeAll(async () => {
    fx = await createEventStoreFixture('control_document_sweep', {
      migrations: [ControlDocuments1767500000001, ControlDocumentsSweepIndexes1768000000200],
    });
    // 50,000 documents of earlier years, sent and done with: one recommendation answered and the other answered or
    // marked overdue; and 5,000 never sent, marked sending-overdue. None is the sweep's to mark.
    await fx.dataSource.query(
      `INSERT INTO control_documents (document_id, version, status, subject_kind, subject_id, document_kind,
              institution_bin, district, findings, control_ended_on, send_due_on, sent_at, sent_on, sent_late,
              sending_overdue, reply_due_on, calendar_unverified, recommendations, hearings, issued_by, issued_at)
       SELECT 'old-' || n, 5, 'sent', 'report', 'report-old-' || n, 'recommendations', '123456789012', 'Taraz',
              'The pothole at Tole bi ' || n || ' was not repaired within the term.', '2024-01-10', '2024-01-20',
              '2024-01-15T05:00:00.000Z', '2024-01-15', false, false, '2024-02-15', false,
              jsonb_build_array(
                jsonb_build_object('number', 1, 'text', 'Repair the pothole', 'replyOverdue', false, 'escalation', null,
                  'reply', jsonb_build_object('position', 'accepted', 'reasoning', 'Done', 'evidence', '[]'::jsonb,
                    'repliedBy', 'official-1', 'repliedAt', '2024-02-01T05:00:00.000Z', 'repliedOn', '2024-02-01', 'late', false)),
                jsonb_build_object('number', 2, 'text', 'Inspect the street', 'replyOverdue', n % 2 = 0, 'escalation', null,
                  'reply', CASE WHEN n % 2 = 0 THEN 'null'::jsonb ELSE jsonb_build_object('position', 'refused',
                    'reasoning', 'No budget', 'evidence', '[]'::jsonb, 'repliedBy', 'official-1',
                    'repliedAt', '2024-02-01T05:00:00.000Z', 'repliedOn', '2024-02-01', 'late', false) END)),
              '[]'::jsonb, 'club-1', '2024-01-10T05:00:00.000Z'
         FROM generate_series(1, 50000) AS n`,
    );
    await fx.dataSource.query(
      `INSERT INTO control_documents (document_id, version, status, subject_kind, subject_id, document_kind,
              institution_bin, district, findings, control_ended_on, send_due_on, sending_overdue, calendar_unverified,
              recommendations, hearings, issued_by, issued_at)
       SELECT 'unsent-' || n, 2, 'issued', 'raid', 'raid-' || n, 'protocol', '123456789012', 'Taraz', 'Findings',
              '2024-01-10', '2024-01-20', true, false,
              '[{"number": 1, "text": "Repair", "reply": null, "replyOverdue": false, "escalation": null}]'::jsonb,
              '[]'::jsonb, 'club-1', '2024-01-10T05:00:00.000Z'
         FROM generate_series(1, 5000) AS n`,
    );
    await apply('send-late', issued('send-late', '2026-05-20'));
    await apply('send-marked', issued('send-marked', '2026-05-20'), sendingOverdue);
    await apply('send-not-due', issued('send-not-due', '2026-06-10'));
    await apply('reply-late', issued('reply-late', '2026-04-25'), sent('2026-05-20'), replied(1));
    await apply('sent-after-marked', issued('sent-after-marked', '2026-04-10'), sendingOverdue, sent('2026-05-20'));
    await apply('escalated-unmarked', issued('escalated-unmarked', '2026-04-25'), sent('2026-05-20'), escalated(2));
    await apply('all-answered', issued('all-answered', '2026-04-25'), sent('2026-05-20'), replied(1), replied(2));
    await apply('answered-or-marked', issued('answered-or-marked', '2026-04-25'), sent('2026-05-20'), replied(2));
    await apply('answered-or-marked', replyOverdue(1));
    await apply('reply-not-due', issued('reply-not-due', '2026-04-25'), sent('2026-06-15'));
    await fx.dataSource.query('ANALYZE control_documents');
  });
  afterAll(() => fx?.close());

  /** What `read` returns, and how many blocks of the table, its indexes and its TOAST it touched. */
  const measured = tableIoMeter(() => fx, ['control_documents']);
  const sweep = () => measured((db) => new ControlDocumentQueries(db).overdueCandidates(today));
  const before = async () =>
    ((await fx.dataSource.query(BEFORE, [today])) as { document_id: string }[]).map((r) => r.document_id);

  it('reads only the documents still awaiting a mark, as the read before its indexes found them', async () => {
    const { result, blocks } = await sweep();
    expect(result).toEqual(['send-late', 'reply-late', 'sent-after-marked', 'escalated-unmarked']);
    expect(result).toEqual(await before());
    expect(blocks).toBeLessThanOrEqual(10);
  });

  it('follows the documents through their events: marked, answered, or come due', async () => {
    await apply('send-late', sendingOverdue);
    await apply('reply-late', replyOverdue(2));
    await apply('escalated-unmarked', replied(1));
    expect((await sweep()).result).toEqual(['sent-after-marked', 'escalated-unmarked']);
    await apply('escalated-unmarked', replyOverdue(2));
    await apply('send-marked', sent('2026-05-30'));
    const later = '2026-06-20';
    const { result } = await measured((db) => new ControlDocumentQueries(db).overdueCandidates(later));
    expect(result).toEqual(['send-marked', 'send-not-due', 'sent-after-marked', 'reply-not-due']);
    expect(result).toEqual(
      ((await fx.dataSource.query(BEFORE, [later])) as { document_id: string }[]).map((r) => r.document_id),
    );
    expect((await sweep()).result).toEqual(['send-marked', 'sent-after-marked']);
  });

  it('without the two indexes the same read goes through every document: what the migration ended', async () => {
    const indexes = () =>
      fx.dataSource.query(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'control_documents' ORDER BY indexname`,
        [fx.schema],
      );
    // The projection's DDL made this table's indexes; the migration's, made again below, must be the same ones.
    const projections = await indexes();
    const runner = fx.dataSource.createQueryRunner();
    try {
      await sweepIndexes.down(runner);
      await fx.dataSource.query('ANALYZE control_documents');
      const { result, blocks } = await sweep();
      expect(result).toEqual(['send-marked', 'sent-after-marked']);
      expect(blocks).toBeGreaterThan(1000);
    } finally {
      await sweepIndexes.up(runner);
      await runner.release();
    }
    expect(await indexes()).toEqual(projections);
    const { result, blocks } = await sweep();
    expect(result).toEqual(['send-marked', 'sent-after-marked']);
    expect(blocks).toBeLessThanOrEqual(10);
  });
});
