import { ReadModelColumns } from '@app/event-store';
import type { DefectFound, OffenceRecorded } from '../../domain/raid.events';
import type { RaidStatus } from '../../domain/raid.types';

/** The raid board's columns, once: the table's DDL and the rows it is read as. */
export const raidBoardColumns = new ReadModelColumns({
  raid_id: { type: 'text', constraint: 'PRIMARY KEY', as: 'id' },
  version: { type: 'integer', constraint: 'NOT NULL' },
  status: { type: 'text', constraint: 'NOT NULL' },
  title: { type: 'text', constraint: 'NOT NULL' },
  district: { type: 'text', constraint: 'NOT NULL' },
  planned_for: { type: 'timestamptz', constraint: 'NOT NULL' },
  planned_by: { type: 'text', constraint: 'NOT NULL' },
  participants: { type: 'jsonb', constraint: "NOT NULL DEFAULT '[]'" },
  conducted_at: { type: 'timestamptz' },
  defects: { type: 'jsonb', constraint: "NOT NULL DEFAULT '[]'" },
  offences: { type: 'jsonb', constraint: "NOT NULL DEFAULT '[]'" },
  summary: { type: 'text' },
  closed_at: { type: 'timestamptz' },
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
