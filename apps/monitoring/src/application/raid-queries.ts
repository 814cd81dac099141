import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage } from '@app/platform';

const RAID_COLUMNS = `raid_id AS id, version, status, title, district, planned_for AS "plannedFor", planned_by AS "plannedBy", participants,
  conducted_at AS "conductedAt", defects, offences, summary, closed_at AS "closedAt"`;

@Injectable()
export class RaidQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { status?: string; district?: string; page: number; limit: number }) {
    const where = new ListFilter().add('status = ?', filter.status).add('district = ?', filter.district);
    return listPage(this.dataSource, {
      table: 'raid_board',
      columns: RAID_COLUMNS,
      filter: where,
      orderBy: 'planned_for DESC, raid_id',
      page: filter,
    });
  }

  async one(raidId: string) {
    const rows = await this.dataSource.query(`SELECT ${RAID_COLUMNS} FROM raid_board WHERE raid_id = $1`, [raidId]);
    return rows[0];
  }
}
