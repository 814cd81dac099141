import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage, type Page } from '@app/platform';
import type { Direction, InstitutionKind, ProgrammePurpose, RoadSegment } from '../domain/budget.types';
import { withMoney } from './money';

/** A row of the institution register, as INSTITUTION_COLUMNS selects it. */
export interface InstitutionRow {
  bin: string;
  version: number;
  name: string;
  district: string;
  kind: InstitutionKind;
  registeredAt: Date;
  disclosedYears: number[];
}

/** A row of the programme register, as PROGRAMME_COLUMNS selects it (money as integer tiyn, by withMoney). */
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

/** A row of the contract register, as CONTRACT_COLUMNS selects it (dates as YYYY-MM-DD, money as integer tiyn). */
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

const INSTITUTION_COLUMNS = `bin, version, name, district, kind, registered_at AS "registeredAt", disclosed_years AS "disclosedYears"`;
const PROGRAMME_COLUMNS = `programme_id AS id, version, institution_bin AS "institutionBin", district, fiscal_year AS "fiscalYear", code, name,
  purpose, direction, approved_tiyn::text AS "approvedTiyn", allocation_tiyn::text AS "allocationTiyn", amendments,
  spent_tiyn::text AS "spentTiyn", revenue_tiyn::text AS "revenueTiyn", open_flags AS "openFlags", cardinality(open_flags) > 0 AS flagged,
  published_at AS "publishedAt"`;
const CONTRACT_COLUMNS = `contract_id AS id, version, programme_id AS "programmeId", institution_bin AS "institutionBin", fiscal_year AS "fiscalYear",
  contractor_bin AS "contractorBin", contractor_name AS "contractorName", subject,
  json_build_object('roadName', road_name, 'fromKm', from_km::float8, 'toKm', to_km::float8) AS "roadSegment",
  amount_tiyn::text AS "amountTiyn", paid_tiyn::text AS "paidTiyn", to_char(signed_at, 'YYYY-MM-DD') AS "signedAt", warranty_months AS "warrantyMonths",
  to_char(warranty_ends_at, 'YYYY-MM-DD') AS "warrantyEndsAt", warranty_repairs AS "warrantyRepairs",
  warranty_repairs_cost_tiyn::text AS "warrantyRepairsCostTiyn"`;

/** Reads of the public registers: institutions, programmes and contracts, from their read models. */
@Injectable()
export class RegisterQueries {
  constructor(private readonly dataSource: DataSource) {}

  institutions(filter: { district?: string; kind?: string; disclosedIn?: number } & Page) {
    const f = new ListFilter()
      .add('district = ?', filter.district)
      .add('kind = ?', filter.kind)
      .add('? = ANY(disclosed_years)', filter.disclosedIn);
    return this.page<InstitutionRow>('institutions', INSTITUTION_COLUMNS, f, 'bin', filter);
  }

  async institution(bin: string): Promise<InstitutionRow | undefined> {
    return (await this.dataSource.query(`SELECT ${INSTITUTION_COLUMNS} FROM institutions WHERE bin = $1`, [bin]))[0];
  }

  programmes(filter: { institutionBin?: string; fiscalYear?: number; purpose?: string; flagged?: boolean } & Page) {
    const f = new ListFilter()
      .add('institution_bin = ?', filter.institutionBin)
      .add('fiscal_year = ?', filter.fiscalYear)
      .add('purpose = ?', filter.purpose)
      .add('(cardinality(open_flags) > 0) = ?', filter.flagged);
    return this.page<ProgrammeRow>(
      'programmes',
      PROGRAMME_COLUMNS,
      f,
      'fiscal_year DESC, institution_bin, code',
      filter,
    );
  }

  async programme(id: string): Promise<ProgrammeRow | undefined> {
    const row = (
      await this.dataSource.query(`SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE programme_id = $1`, [id])
    )[0];
    return row ? withMoney(row) : undefined;
  }

  contracts(filter: { contractorBin?: string; programmeId?: string } & Page) {
    const f = new ListFilter()
      .add('contractor_bin = ?', filter.contractorBin)
      .add('programme_id = ?', filter.programmeId);
    return this.page<ContractRow>('contracts', CONTRACT_COLUMNS, f, 'signed_at DESC, contract_id', filter);
  }

  async contract(id: string): Promise<ContractRow | undefined> {
    const row = (
      await this.dataSource.query(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE contract_id = $1`, [id])
    )[0];
    return row ? withMoney(row) : undefined;
  }

  private page<R>(table: string, columns: string, filter: ListFilter, orderBy: string, page: Page) {
    return listPage<R>(this.dataSource, { table, columns, filter, orderBy, page }, withMoney);
  }
}
