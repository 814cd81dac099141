import type { DefectType, PhotoEvidence } from '@app/contracts';
import { ReadModelColumns } from '@app/event-store';
import type { CaseSource, CaseStatus, Severity } from '../../domain/road-case.types';

/** The case board's columns: its DDL, its writes' casts and its queries' SELECT lists all come from here. */
export const caseBoardColumns = new ReadModelColumns({
  case_id: 'text PRIMARY KEY AS id',
  version: 'integer NOT NULL',
  status: 'text NOT NULL',
  district: 'text NOT NULL',
  address: 'text NOT NULL',
  defect_type: 'text NOT NULL',
  lat: 'double precision NOT NULL',
  lon: 'double precision NOT NULL',
  source: 'text NOT NULL',
  report_ids: "text[] NOT NULL DEFAULT '{}'",
  raid_id: 'text',
  opened_at: 'timestamptz NOT NULL',
  severity: 'text',
  area_m2: { type: 'numeric', internal: true },
  estimated_cost_tiyn: 'bigint',
  verified_at: { type: 'timestamptz', internal: true },
  contractor_bin: 'text',
  contract_id: 'text',
  due_at: 'timestamptz',
  under_warranty: 'boolean NOT NULL DEFAULT false',
  assigned_at: { type: 'timestamptz', internal: true },
  assignment: { type: 'integer', constraint: 'NOT NULL DEFAULT 0', internal: true },
  overdue: 'boolean NOT NULL DEFAULT false',
  escalated_at: { type: 'timestamptz', internal: true },
  repair_reported_at: { type: 'timestamptz', internal: true },
  actual_cost_tiyn: 'bigint',
  accepted_at: 'timestamptz',
  accepted_on_time: { type: 'boolean', internal: true },
  reworks: 'integer NOT NULL DEFAULT 0',
  // The photos of the latest repair report, each with the URL its bytes are served at (GET /photos/{sha256}).
  repair_photos: "jsonb NOT NULL DEFAULT '[]'",
  closed_at: 'timestamptz',
});

/**
 * The cases the overdue sweep may still escalate, and the open cases a new report may join: the WHERE of two partial
 * indexes and of the reads they serve, one text for both, since Postgres uses a partial index only for a read whose
 * WHERE implies the index's.
 */
export const CASES_AWAITING_DUE_DATE = "status = 'assigned' AND NOT overdue";
export const OPEN_CASES = "status NOT IN ('closed', 'rejected')";

/** A row of the case board as caseBoardColumns.select() reads it (money as integer tiyn, by withMoney). */
export interface CaseRow {
  id: string;
  version: number;
  status: Exclude<CaseStatus, 'none'>;
  district: string;
  address: string;
  defectType: DefectType;
  lat: number;
  lon: number;
  source: CaseSource;
  reportIds: string[];
  raidId: string | null;
  openedAt: Date;
  severity: Severity | null;
  estimatedCostTiyn: number | null;
  contractorBin: string | null;
  contractId: string | null;
  dueAt: Date | null;
  underWarranty: boolean;
  overdue: boolean;
  reworks: number;
  repairPhotos: (PhotoEvidence & { url: string })[];
  actualCostTiyn: number | null;
  acceptedAt: Date | null;
  closedAt: Date | null;
}

/** What anyone may see of a case: no report ids, no contractor identity, no costs. */
export const PUBLIC_CASE_COLUMNS = [
  'case_id',
  'status',
  'district',
  'defect_type',
  'opened_at',
  'verified_at',
  'assigned_at',
  'due_at',
  'overdue',
  'accepted_at',
  'closed_at',
] as const;

/** A row of PUBLIC_CASE_COLUMNS. */
export type PublicCaseRow = Pick<
  CaseRow,
  'id' | 'status' | 'district' | 'defectType' | 'openedAt' | 'dueAt' | 'overdue' | 'acceptedAt' | 'closedAt'
> & { verifiedAt: Date | null; assignedAt: Date | null };
