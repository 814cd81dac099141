import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableReads } from '@app/event-store';
import { ListFilter } from '@app/platform';
import { raidBoardColumns, type RaidRow } from './raid-board.columns';

const raids = new TableReads<RaidRow>('raid_board', 'raid_id', raidBoardColumns.select());

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
    return raids.page(this.dataSource, where, 'planned_for DESC, raid_id', filter);
  }

  async one(raidId: string): Promise<RaidRow | undefined> {
    return raids.one(this.dataSource, raidId);
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
