import type { InlineProjection } from '@app/event-store';

/**
 * Which reports each road case answers, from the reports' own ReportCaseLinked events: a CaseRejected names no
 * reports, so this is how monitoring knows whom it closes without fix.
 */
export const reportCasesProjection: InlineProjection = {
  name: 'report-cases',
  table: 'report_cases',
  mode: 'inline',
  handles: (event) => event.type === 'ReportCaseLinked',
  createTable: (table) => `
    CREATE TABLE ${table} (
      case_id text NOT NULL,
      report_id text NOT NULL,
      PRIMARY KEY (case_id, report_id)
    )`,
  async apply(manager, events, table) {
    for (const e of events) {
      await manager.query(`INSERT INTO ${table} (case_id, report_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        (e.data as { caseId: string }).caseId,
        e.streamId,
      ]);
    }
  },
};
