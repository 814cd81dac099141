import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const RAID_COLUMNS = `raid_id AS id, version, status, title, district, planned_for AS "plannedFor", planned_by AS "plannedBy", participants,
  conducted_at AS "conductedAt", defects, offences, summary, closed_at AS "closedAt"`;

@Injectable()
export class RaidQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { status?: string; district?: string; page: number; limit: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['status', filter.status], ['district', filter.district]] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM raid_board ${clause}`, params);
    const items = await this.dataSource.query(
      `SELECT ${RAID_COLUMNS} FROM raid_board ${clause} ORDER BY planned_for DESC, raid_id LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`,
      params,
    );
    return { items, page: filter.page, limit: filter.limit, total };
  }

  async one(raidId: string) {
    const rows = await this.dataSource.query(`SELECT ${RAID_COLUMNS} FROM raid_board WHERE raid_id = $1`, [raidId]);
    return rows[0];
  }
}
