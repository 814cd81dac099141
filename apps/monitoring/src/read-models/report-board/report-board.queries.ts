import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TableReads } from '@app/event-store';
import { ListFilter, listPage, type Page } from '@app/platform';
import { isoWeekDays } from './iso-week';
import { RaidQueries } from '../raid-board/raid-board.queries';
import { OWN_REPORT_COLUMNS, reportBoardColumns, type OwnReportRow, type ReportRow } from './report-board.columns';

const reports = new TableReads<ReportRow>('report_board', 'report_id', reportBoardColumns.select());

export interface ReportListFilter {
  kind?: string;
  status?: string;
  district?: string;
  page: number;
  limit: number;
}

/** The public statistics: reports by kind, status, district and Almaty month (YYYY-MM), and what raids found. */
export interface ReportStats {
  reports: number;
  byKind: { kind: ReportRow['kind']; reports: number }[];
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly raids: RaidQueries,
  ) {}

  async list(filter: ReportListFilter) {
    const where = new ListFilter()
      .add('kind = ?', filter.kind)
      .add('status = ?', filter.status)
      .add('district = ?', filter.district);
    return reports.page(this.dataSource, where, 'submitted_at DESC, report_id', filter);
  }

  async one(reportId: string): Promise<ReportRow | undefined> {
    return reports.one(this.dataSource, reportId);
  }

  /** Whether the id names a report. */
  async exists(reportId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM report_board WHERE report_id = $1`, [reportId]);
    return rows.length > 0;
  }

  /** Which of the ids name reports, in the caller's transaction (a raid's defect ids do not). */
  async known(ids: string[], manager: EntityManager): Promise<Set<string>> {
    const rows: { report_id: string }[] = await manager.query(
      `SELECT report_id FROM report_board WHERE report_id = ANY($1)`,
      [ids],
    );
    return new Set(rows.map((r) => r.report_id));
  }

  /** A citizen's own reports: status, and the road case once road-cases opened or linked one. */
  async ofReporter(reporterId: string, page: Page) {
    return listPage<OwnReportRow>(this.dataSource, {
      table: 'report_board',
      columns: reportBoardColumns.select(OWN_REPORT_COLUMNS),
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
      reports.page(
        this.dataSource,
        new ListFilter()
          .always(`status IN ('submitted', 'under_review')`)
          .add(`(submitted_at AT TIME ZONE 'Asia/Almaty')::date <= ?::date`, sunday),
        'submitted_at, report_id',
        page,
      ),
      reports.page(
        this.dataSource,
        new ListFilter().add('meeting_date >= ?::date', monday).add('meeting_date <= ?::date', sunday),
        'meeting_date, report_id',
        page,
      ),
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

  /** The board's counts, with what the raids found beside them (the raid board's own). */
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
    const [[{ reports }], raids] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS reports FROM report_board`),
      this.raids.findings(),
    ]);
    return { reports, byKind, byStatus, byDistrict, perMonth, ...raids };
  }
}
