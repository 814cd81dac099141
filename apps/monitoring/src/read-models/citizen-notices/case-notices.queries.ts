import type { EntityManager } from 'typeorm';
import type { CaseNoticeKind } from './report-notices.columns';

/** One step of a road case, as its road-cases event told it. */
export interface CaseStep {
  /** The road-cases event's id: with the report's id, the notice's. */
  eventId: string;
  caseId: string;
  kind: CaseNoticeKind;
  details: Record<string, string | null>;
  occurredAt: string;
}

/**
 * Records a case step as a notice for each report the case answers, in the caller's (the consumer's inbox)
 * transaction. A report takes its district, BIN and language from its ReportSubmitted notice and keeps the status
 * its latest change gave it; a report filed before notices existed has none and is skipped.
 */
export async function recordCaseStep(manager: EntityManager, step: CaseStep, reportIds: string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await manager.query(
    `INSERT INTO case_notices (notice_id, report_id, report_version, kind, status, case_id, district, institution_bin,
                               language, details, occurred_at)
     SELECT $1 || ':' || r.report_id, r.report_id, latest.report_version, $2, latest.status, $3, submitted.district,
            submitted.institution_bin, submitted.language, jsonb_strip_nulls($4::jsonb), $5
       FROM unnest($6::text[]) AS r (report_id)
       JOIN LATERAL (SELECT n.report_version, n.status FROM report_notices n WHERE n.report_id = r.report_id
                      ORDER BY n.report_version DESC LIMIT 1) latest ON true
       JOIN LATERAL (SELECT n.district, n.institution_bin, n.language FROM report_notices n
                      WHERE n.report_id = r.report_id AND n.kind = 'ReportSubmitted' LIMIT 1) submitted ON true
     ON CONFLICT (notice_id) DO NOTHING`,
    [step.eventId, step.kind, step.caseId, JSON.stringify(step.details), step.occurredAt, reportIds],
  );
}
