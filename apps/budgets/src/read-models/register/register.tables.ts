import type { Direction, InstitutionKind, ProgrammePurpose, RoadSegment } from '../../domain/budget.types';
import { calendarDate, column, computed, hidden, money, readModelTable } from '../read-model-table';

/** The public register of institutions (`institutions`), with the years each declared fully disclosed. */
export const institutionTable = readModelTable(
  {
    bin: column<string>('text PRIMARY KEY'),
    version: column<number>('integer NOT NULL'),
    name: column<string>('text NOT NULL'),
    district: column<string>('text NOT NULL'),
    kind: column<InstitutionKind>('text NOT NULL'),
    registeredAt: column<Date>('timestamptz NOT NULL'),
    disclosedYears: column<number[]>("integer[] NOT NULL DEFAULT '{}'"),
  },
  ['district, kind'],
);

/** One programme (`programmes`) with its running sums: approved, current allocation, spent, revenue, open flags. */
export const programmeTable = readModelTable(
  {
    id: column<string>('text PRIMARY KEY', 'programme_id'),
    version: column<number>('integer NOT NULL'),
    institutionBin: column<string>('text NOT NULL'),
    district: column<string>('text NOT NULL'),
    fiscalYear: column<number>('integer NOT NULL'),
    code: column<string>('text NOT NULL'),
    name: column<string>('text NOT NULL'),
    purpose: column<ProgrammePurpose>('text NOT NULL'),
    direction: column<Direction>('text NOT NULL'),
    approvedTiyn: money('bigint NOT NULL'),
    allocationTiyn: money('bigint NOT NULL'),
    amendments: column<number>('integer NOT NULL DEFAULT 0'),
    spentTiyn: money('bigint NOT NULL DEFAULT 0'),
    revenueTiyn: money('bigint NOT NULL DEFAULT 0'),
    openFlags: column<string[]>("text[] NOT NULL DEFAULT '{}'"),
    flagged: computed<boolean>('cardinality(open_flags) > 0'),
    publishedAt: column<Date>('timestamptz NOT NULL'),
  },
  ['fiscal_year, institution_bin', 'institution_bin, code, fiscal_year', 'district, fiscal_year, purpose'],
);

/** One contract (`contracts`): its terms, what was paid, and the repairs done under warranty. */
export const contractTable = readModelTable(
  {
    id: column<string>('text PRIMARY KEY', 'contract_id'),
    version: column<number>('integer NOT NULL'),
    programmeId: column<string>('text NOT NULL'),
    institutionBin: column<string>('text NOT NULL'),
    fiscalYear: column<number>('integer NOT NULL'),
    contractorBin: column<string>('text NOT NULL'),
    contractorName: column<string>('text NOT NULL'),
    subject: column<string>('text NOT NULL'),
    roadName: hidden<string>('text NOT NULL'),
    fromKm: hidden<number>('numeric NOT NULL'),
    toKm: hidden<number>('numeric NOT NULL'),
    roadSegment: computed<RoadSegment>(
      "json_build_object('roadName', road_name, 'fromKm', from_km::float8, 'toKm', to_km::float8)",
    ),
    amountTiyn: money('bigint NOT NULL'),
    paidTiyn: money('bigint NOT NULL DEFAULT 0'),
    signedAt: calendarDate('date NOT NULL'),
    warrantyMonths: column<number>('integer NOT NULL'),
    warrantyEndsAt: calendarDate('date NOT NULL'),
    warrantyRepairs: column<number>('integer NOT NULL DEFAULT 0'),
    warrantyRepairsCostTiyn: money('bigint NOT NULL DEFAULT 0'),
  },
  ['contractor_bin', 'programme_id'],
);

/** The rows as the register's reads give them (money as integer tiyn, dates of contracts as YYYY-MM-DD). */
export type InstitutionRow = ReturnType<typeof institutionTable.row>;
export type ProgrammeRow = ReturnType<typeof programmeTable.row>;
export type ContractRow = ReturnType<typeof contractTable.row>;
