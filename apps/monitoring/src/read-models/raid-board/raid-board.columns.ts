import { ReadModelColumns } from '@app/event-store';
import type { DefectFound, OffenceRecorded } from '../../domain/raid.events';
import type { RaidStatus } from '../../domain/raid.types';

/** The raid board's columns, once: the table's DDL and the rows it is read as. */
export const raidBoardColumns = new ReadModelColumns({
  raid_id: 'text PRIMARY KEY AS id',
  version: 'integer NOT NULL',
  status: 'text NOT NULL',
  title: 'text NOT NULL',
  district: 'text NOT NULL',
  planned_for: 'timestamptz NOT NULL',
  planned_by: 'text NOT NULL',
  participants: "jsonb NOT NULL DEFAULT '[]'",
  conducted_at: 'timestamptz',
  defects: "jsonb NOT NULL DEFAULT '[]'",
  offences: "jsonb NOT NULL DEFAULT '[]'",
  summary: 'text',
  closed_at: 'timestamptz',
});

/** A row of the raid board as raidBoardColumns reads it: its findings as the events recorded them. */
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
