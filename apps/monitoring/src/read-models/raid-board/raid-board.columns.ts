import type { DefectFound, OffenceRecorded } from '../../domain/raid.events';
import type { RaidStatus } from '../../domain/raid.types';
import type { Columns } from '../columns';

/** The raid board's columns, once: the table's DDL and the rows it is read as. */
export const RAID_BOARD_COLUMNS = {
  raid_id: { sql: 'text PRIMARY KEY', as: 'id' },
  version: { sql: 'integer NOT NULL' },
  status: { sql: 'text NOT NULL' },
  title: { sql: 'text NOT NULL' },
  district: { sql: 'text NOT NULL' },
  planned_for: { sql: 'timestamptz NOT NULL' },
  planned_by: { sql: 'text NOT NULL' },
  participants: { sql: `jsonb NOT NULL DEFAULT '[]'` },
  conducted_at: { sql: 'timestamptz' },
  defects: { sql: `jsonb NOT NULL DEFAULT '[]'` },
  offences: { sql: `jsonb NOT NULL DEFAULT '[]'` },
  summary: { sql: 'text' },
  closed_at: { sql: 'timestamptz' },
} satisfies Columns;

/** A row of the raid board as RAID_BOARD_COLUMNS reads it: its findings as the events recorded them. */
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
