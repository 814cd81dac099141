import { inlineProjection, projectionTableDdl } from '@app/event-store';

/**
 * Which reports each road case answers, from the reports' own ReportCaseLinked events: a CaseRejected names no
 * reports, so this is how monitoring knows whom it closes without fix.
 */
export const reportCasesProjection = inlineProjection({
  name: 'report-cases',
  table: 'report_cases',
  handles: (event) => event.type === 'ReportCaseLinked',
  createTable: (table) =>
    projectionTableDdl(table, ['case_id text NOT NULL', 'report_id text NOT NULL', 'PRIMARY KEY (case_id, report_id)']),
  async applyEvent(manager, table, e) {
    await manager.query(`INSERT INTO ${table} (case_id, report_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      (e.data as { caseId: string }).caseId,
      e.streamId,
    ]);
  },
});
