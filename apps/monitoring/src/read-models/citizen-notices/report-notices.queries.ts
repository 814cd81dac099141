import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reportNoticeColumns, type ReportNotice } from './report-notices.columns';

const NOTICE = reportNoticeColumns.select();
const COLUMNS = reportNoticeColumns.names.join(', ');

/**
 * Every notice: a report's own changes, its case's steps and the steps of public control over it. The three tables
 * share the one column list.
 */
export const ALL_NOTICES = `(SELECT ${COLUMNS} FROM report_notices UNION ALL SELECT ${COLUMNS} FROM case_notices
  UNION ALL SELECT ${COLUMNS} FROM control_notices)`;

/** Whose notices a feed shows: one report's, a district's, or an institution's (by BIN). */
export type NoticeScope = { reportId: string } | { district: string } | { institutionBin: string };

const SCOPE_COLUMN = (scope: NoticeScope): [string, string] =>
  'reportId' in scope
    ? ['report_id', scope.reportId]
    : 'district' in scope
      ? ['district', scope.district]
      : ['institution_bin', scope.institutionBin];

/** A page of a feed: its entries newest first, and whether older ones follow. */
export interface NoticePage {
  notices: ReportNotice[];
  hasOlder: boolean;
}

/** Reads of the notices: the Atom feeds' pages and the notices a delivery is about. */
@Injectable()
export class ReportNoticeQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, `limit` per page (one more is read to know whether an older page exists). */
  async page(scope: NoticeScope, page: number, limit: number): Promise<NoticePage> {
    const [column, value] = SCOPE_COLUMN(scope);
    const rows: ReportNotice[] = await this.dataSource.query(
      `SELECT ${NOTICE} FROM ${ALL_NOTICES} n WHERE ${column} = $1
        ORDER BY occurred_at DESC, report_version DESC, notice_id DESC LIMIT $2 OFFSET $3`,
      [value, limit + 1, (page - 1) * limit],
    );
    return { notices: rows.slice(0, limit), hasOlder: rows.length > limit };
  }

  async byIds(noticeIds: string[]): Promise<Map<string, ReportNotice>> {
    if (noticeIds.length === 0) return new Map();
    const rows: ReportNotice[] = await this.dataSource.query(
      `SELECT ${NOTICE} FROM ${ALL_NOTICES} n WHERE notice_id = ANY($1::text[])`,
      [noticeIds],
    );
    return new Map(rows.map((r) => [r.noticeId, r]));
  }
}
