import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage } from '@app/platform';
import type { DefectFound, OffenceRecorded } from '../domain/raid.events';
import type { RaidStatus } from '../domain/raid.types';

const RAID_COLUMNS = `raid_id AS id, version, status, title, district, planned_for AS "plannedFor", planned_by AS "plannedBy", participants,
  conducted_at AS "conductedAt", defects, offences, summary, closed_at AS "closedAt"`;

/** A row of the raid board as RAID_COLUMNS selects it: its findings as the events recorded them. */
export interface RaidRow {
  id: string;
  version: number;
  status: Exclude<RaidStatus, 'none'>;
  title: string;
  district: string;
  plannedFor: Date;
  plannedBy: string;
  participants: string[];
  conductedAt: Date | null;
  defects: DefectFound['data'][];
  offences: OffenceRecorded['data'][];
  summary: string | null;
  closedAt: Date | null;
}

@Injectable()
export class RaidQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { status?: string; district?: string; page: number; limit: number }) {
    const where = new ListFilter().add('status = ?', filter.status).add('district = ?', filter.district);
    return listPage<RaidRow>(this.dataSource, {
      table: 'raid_board',
      columns: RAID_COLUMNS,
      filter: where,
      orderBy: 'planned_for DESC, raid_id',
      page: filter,
    });
  }

  async one(raidId: string): Promise<RaidRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${RAID_COLUMNS} FROM raid_board WHERE raid_id = $1`, [raidId]);
    return rows[0];
  }
}
