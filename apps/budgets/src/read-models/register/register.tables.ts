import { column, computedColumn, dateColumn, internalColumn, moneyColumn, ReadModelColumns } from '@app/event-store';
import type { Direction, InstitutionKind, ProgrammePurpose, RoadSegment } from '../../domain/budget.types';

/** The public register of institutions (`institutions`), with the years each declared fully disclosed. */
export const institutionColumns = new ReadModelColumns({
  bin: column<string>('text', 'PRIMARY KEY'),
  version: column<number>('integer', 'NOT NULL'),
  name: column<string>('text', 'NOT NULL'),
  district: column<string>('text', 'NOT NULL'),
  kind: column<InstitutionKind>('text', 'NOT NULL'),
  registered_at: column<Date>('timestamptz', 'NOT NULL'),
  disclosed_years: column<number[]>('integer[]', "NOT NULL DEFAULT '{}'"),
});

/** One programme (`programmes`) with its running sums: approved, current allocation, spent, revenue, open flags. */
export const programmeColumns = new ReadModelColumns({
  programme_id: { ...column<string>('text', 'PRIMARY KEY'), as: 'id' },
  version: column<number>('integer', 'NOT NULL'),
  institution_bin: column<string>('text', 'NOT NULL'),
  district: column<string>('text', 'NOT NULL'),
  fiscal_year: column<number>('integer', 'NOT NULL'),
  code: column<string>('text', 'NOT NULL'),
  name: column<string>('text', 'NOT NULL'),
  purpose: column<ProgrammePurpose>('text', 'NOT NULL'),
  direction: column<Direction>('text', 'NOT NULL'),
  approved_tiyn: moneyColumn('NOT NULL'),
  allocation_tiyn: moneyColumn('NOT NULL'),
  amendments: column<number>('integer', 'NOT NULL DEFAULT 0'),
  spent_tiyn: moneyColumn('NOT NULL DEFAULT 0'),
  revenue_tiyn: moneyColumn('NOT NULL DEFAULT 0'),
  open_flags: column<string[]>('text[]', "NOT NULL DEFAULT '{}'"),
  flagged: computedColumn<boolean>('cardinality(open_flags) > 0'),
  published_at: column<Date>('timestamptz', 'NOT NULL'),
});

/** One contract (`contracts`): its terms, what was paid, and the repairs done under warranty. */
export const contractColumns = new ReadModelColumns({
  contract_id: { ...column<string>('text', 'PRIMARY KEY'), as: 'id' },
  version: column<number>('integer', 'NOT NULL'),
  programme_id: column<string>('text', 'NOT NULL'),
  institution_bin: column<string>('text', 'NOT NULL'),
  fiscal_year: column<number>('integer', 'NOT NULL'),
  contractor_bin: column<string>('text', 'NOT NULL'),
  contractor_name: column<string>('text', 'NOT NULL'),
  subject: column<string>('text', 'NOT NULL'),
  road_name: internalColumn<string>('text', 'NOT NULL'),
  from_km: internalColumn<number>('numeric', 'NOT NULL'),
  to_km: internalColumn<number>('numeric', 'NOT NULL'),
  road_segment: computedColumn<RoadSegment>(
    "json_build_object('roadName', road_name, 'fromKm', from_km::float8, 'toKm', to_km::float8)",
  ),
  amount_tiyn: moneyColumn('NOT NULL'),
  paid_tiyn: moneyColumn('NOT NULL DEFAULT 0'),
  signed_at: dateColumn('NOT NULL'),
  warranty_months: column<number>('integer', 'NOT NULL'),
  warranty_ends_at: dateColumn('NOT NULL'),
  warranty_repairs: column<number>('integer', 'NOT NULL DEFAULT 0'),
  warranty_repairs_cost_tiyn: moneyColumn('NOT NULL DEFAULT 0'),
});

/** The rows as the register's reads give them (money as integer tiyn, dates of contracts as YYYY-MM-DD). */
export interface InstitutionRow {
  bin: string;
  version: number;
  name: string;
  district: string;
  kind: InstitutionKind;
  registeredAt: Date;
  disclosedYears: number[];
}

export interface ProgrammeRow {
  id: string;
  version: number;
  institutionBin: string;
  district: string;
  fiscalYear: number;
  code: string;
  name: string;
  purpose: ProgrammePurpose;
  direction: Direction;
  approvedTiyn: number;
  allocationTiyn: number;
  amendments: number;
  spentTiyn: number;
  revenueTiyn: number;
  openFlags: string[];
  flagged: boolean;
  publishedAt: Date;
}

export interface ContractRow {
  id: string;
  version: number;
  programmeId: string;
  institutionBin: string;
  fiscalYear: number;
  contractorBin: string;
  contractorName: string;
  subject: string;
  roadSegment: RoadSegment;
  amountTiyn: number;
  paidTiyn: number;
  signedAt: string;
  warrantyMonths: number;
  warrantyEndsAt: string;
  warrantyRepairs: number;
  warrantyRepairsCostTiyn: number;
}
