import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage, type Page } from '@app/platform';
import type {
  BudgetExecutionDetails,
  ForwardTarget,
  ReportKind,
  ReportOutcome,
  ReportStatus,
  RoadDefectDetails,
} from '../domain/report.types';
import { isoWeekDays } from './iso-week';

export interface ReportListFilter {
  kind?: string;
  status?: string;
  district?: string;
  page: number;
  limit: number;
}

const REPORT_COLUMNS = `report_id AS id, version, kind, status, district, reporter_id AS "reporterId", reporter_id IS NULL AS anonymous,
  description, details, submitted_at AS "submittedAt", review_started_at AS "reviewStartedAt",
  to_char(meeting_date, 'YYYY-MM-DD') AS "meetingDate", moderator_id AS "moderatorId", decided_at AS "decidedAt",
  forwarded_to AS "forwardedTo", reason, duplicate_of AS "duplicateOf", case_id AS "caseId", outcome, resolved_at AS "resolvedAt",
  reopen_count AS "reopenCount"`;

/** A row of the report board as REPORT_COLUMNS selects it (meetingDate as YYYY-MM-DD). */
export interface ReportRow {
  id: string;
  version: number;
  kind: ReportKind;
  status: Exclude<ReportStatus, 'none'>;
  district: string | null;
  reporterId: string | null;
  anonymous: boolean;
  description: string;
  /** The road defect's place or the budget doubt, as the report was submitted. */
  details: RoadDefectDetails | BudgetExecutionDetails;
  submittedAt: Date;
  reviewStartedAt: Date | null;
  meetingDate: string | null;
  moderatorId: string | null;
  decidedAt: Date | null;
  forwardedTo: ForwardTarget | null;
  reason: string | null;
  duplicateOf: string | null;
  caseId: string | null;
  outcome: ReportOutcome | null;
  resolvedAt: Date | null;
  reopenCount: number;
}

/** What a citizen sees of one of their own reports. */
export type OwnReportRow = Pick<
  ReportRow,
  'id' | 'kind' | 'status' | 'district' | 'submittedAt' | 'caseId' | 'outcome' | 'reason' | 'duplicateOf' | 'resolvedAt'
>;

/** The public statistics: reports by kind, status, district and Almaty month (YYYY-MM), and what raids found. */
export interface ReportStats {
  reports: number;
  byKind: { kind: ReportKind; reports: number }[];
  byStatus: { status: ReportRow['status']; reports: number }[];
  byDistrict: { district: string; reports: number }[];
  perMonth: { month: string; reports: number }[];
  raidsHeld: number;
  defectsFound: number;
  offencesRecorded: number;
}

/** Reads of the report board: lists, one report, a citizen's own, the club's agenda, the public statistics. */
@Injectable()
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: ReportListFilter) {
    const where = new ListFilter()
      .add('kind = ?', filter.kind)
      .add('status = ?', filter.status)
      .add('district = ?', filter.district);
    return listPage<ReportRow>(this.dataSource, {
      table: 'report_board',
      columns: REPORT_COLUMNS,
      filter: where,
      orderBy: 'submitted_at DESC, report_id',
      page: filter,
    });
  }

  async one(reportId: string): Promise<ReportRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM report_board WHERE report_id = $1`, [
      reportId,
    ]);
    return rows[0];
  }

  /** A citizen's own reports: status, and the road case once road-cases opened or linked one. */
  async ofReporter(reporterId: string, page: Page) {
    return listPage<OwnReportRow>(this.dataSource, {
      table: 'report_board',
      columns: `report_id AS id, kind, status, district, submitted_at AS "submittedAt", case_id AS "caseId", outcome,
                reason, duplicate_of AS "duplicateOf", resolved_at AS "resolvedAt"`,
      filter: new ListFilter().add('reporter_id = ?', reporterId),
      orderBy: 'submitted_at DESC, report_id',
      page,
    });
  }

  /**
   * The club's week: what awaits review by the week's end (Almaty calendar), oldest first, and what its meetings
   * decided; both lists are cut to the same page, with their totals, so a backlog never comes back in one answer.
   */
  async agenda(week: string, page: Page) {
    const { monday, sunday } = isoWeekDays(week);
    const [awaiting, decided] = await Promise.all([
      listPage<ReportRow>(this.dataSource, {
        table: 'report_board',
        columns: REPORT_COLUMNS,
        filter: new ListFilter()
          .always(`status IN ('submitted', 'under_review')`)
          .add(`(submitted_at AT TIME ZONE 'Asia/Almaty')::date <= ?::date`, sunday),
        orderBy: 'submitted_at, report_id',
        page,
      }),
      listPage<ReportRow>(this.dataSource, {
        table: 'report_board',
        columns: REPORT_COLUMNS,
        filter: new ListFilter().add('meeting_date >= ?::date', monday).add('meeting_date <= ?::date', sunday),
        orderBy: 'meeting_date, report_id',
        page,
      }),
    ]);
    return {
      week,
      from: monday,
      to: sunday,
      page: page.page,
      limit: page.limit,
      awaiting: awaiting.items,
      awaitingTotal: awaiting.total,
      decided: decided.items,
      decidedTotal: decided.total,
    };
  }

  async stats(): Promise<ReportStats> {
    const count = (column: string, where = 'true') =>
      this.dataSource.query(
        `SELECT ${column}, count(*)::int AS reports FROM report_board WHERE ${where} GROUP BY 1 ORDER BY 1`,
      );
    const [byKind, byStatus, byDistrict, perMonth] = await Promise.all([
      count('kind'),
      count('status'),
      count('district', 'district IS NOT NULL'),
      count(`to_char(submitted_at AT TIME ZONE 'Asia/Almaty', 'YYYY-MM') AS month`),
    ]);
    const [[{ reports }], [raids]] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS reports FROM report_board`),
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE status IN ('conducted', 'closed'))::int AS "raidsHeld",
                coalesce(sum(jsonb_array_length(defects)), 0)::int AS "defectsFound",
                coalesce(sum(jsonb_array_length(offences)), 0)::int AS "offencesRecorded"
           FROM raid_board`,
      ),
    ]);
    return { reports, byKind, byStatus, byDistrict, perMonth, ...raids };
  }
}
