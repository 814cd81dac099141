import type { EntityManager } from 'typeorm';

/** Reports a case answers, as monitoring learned them (CaseRejected names none), in the caller's transaction. */
export async function reportsOfCase(manager: EntityManager, caseId: string): Promise<string[]> {
  const rows: { report_id: string }[] = await manager.query(
    `SELECT report_id FROM report_cases WHERE case_id = $1 ORDER BY report_id`,
    [caseId],
  );
  return rows.map((r) => r.report_id);
}
