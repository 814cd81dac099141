import type { PhotoEvidence } from '@app/contracts';
import { ReadModelColumns } from '@app/event-store';
import type { CaseSource, CaseStatus, DefectType, Severity } from '../../domain/road-case.types';

/** The case board's columns: its DDL, its writes' casts and its queries' SELECT lists all come from here. */
export const caseBoardColumns = new ReadModelColumns({
  case_id: { type: 'text', constraint: 'PRIMARY KEY', as: 'id' },
  version: { type: 'integer', constraint: 'NOT NULL' },
  status: { type: 'text', constraint: 'NOT NULL' },
  district: { type: 'text', constraint: 'NOT NULL' },
  address: { type: 'text', constraint: 'NOT NULL' },
  defect_type: { type: 'text', constraint: 'NOT NULL' },
  lat: { type: 'double precision', constraint: 'NOT NULL' },
  lon: { type: 'double precision', constraint: 'NOT NULL' },
  source: { type: 'text', constraint: 'NOT NULL' },
  report_ids: { type: 'text[]', constraint: "NOT NULL DEFAULT '{}'" },
  raid_id: { type: 'text' },
  opened_at: { type: 'timestamptz', constraint: 'NOT NULL' },
  severity: { type: 'text' },
  area_m2: { type: 'numeric', internal: true },
  estimated_cost_tiyn: { type: 'bigint' },
  verified_at: { type: 'timestamptz', internal: true },
  contractor_bin: { type: 'text' },
  contract_id: { type: 'text' },
  due_at: { type: 'timestamptz' },
  under_warranty: { type: 'boolean', constraint: 'NOT NULL DEFAULT false' },
  assigned_at: { type: 'timestamptz', internal: true },
  assignment: { type: 'integer', constraint: 'NOT NULL DEFAULT 0', internal: true },
  overdue: { type: 'boolean', constraint: 'NOT NULL DEFAULT false' },
  escalated_at: { type: 'timestamptz', internal: true },
  repair_reported_at: { type: 'timestamptz', internal: true },
  actual_cost_tiyn: { type: 'bigint' },
  accepted_at: { type: 'timestamptz' },
  accepted_on_time: { type: 'boolean', internal: true },
  reworks: { type: 'integer', constraint: 'NOT NULL DEFAULT 0' },
  // The photos of the latest repair report, each with the URL its bytes are served at (GET /photos/{sha256}).
  repair_photos: { type: 'jsonb', constraint: "NOT NULL DEFAULT '[]'" },
  closed_at: { type: 'timestamptz' },
});

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
