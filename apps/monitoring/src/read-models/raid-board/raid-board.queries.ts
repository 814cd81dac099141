import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage } from '@app/platform';
import { raidBoardColumns, type RaidRow } from './raid-board.columns';

const RAID = raidBoardColumns.select();

/** What the raids found, for the public statistics. */
export interface RaidFindings {
  raidsHeld: number;
  defectsFound: number;
  offencesRecorded: number;
}

/** Reads of the raid board: the list, one raid, and what all raids found. */
@Injectable()
export class RaidQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: { status?: string; district?: string; page: number; limit: number }) {
    const where = new ListFilter().add('status = ?', filter.status).add('district = ?', filter.district);
    return listPage<RaidRow>(this.dataSource, {
      table: 'raid_board',
      columns: RAID,
      filter: where,
      orderBy: 'planned_for DESC, raid_id',
      page: filter,
    });
  }

  async one(raidId: string): Promise<RaidRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${RAID} FROM raid_board WHERE raid_id = $1`, [raidId]);
    return rows[0];
  }

  async findings(): Promise<RaidFindings> {
    const [findings] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('conducted', 'closed'))::int AS "raidsHeld",
              coalesce(sum(jsonb_array_length(defects)), 0)::int AS "defectsFound",
              coalesce(sum(jsonb_array_length(offences)), 0)::int AS "offencesRecorded"
         FROM raid_board`,
    );
    return findings;
  }
}
