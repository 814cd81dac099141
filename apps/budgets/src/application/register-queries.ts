import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage, type Page } from '@app/platform';
import { withMoney } from './money';

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
    return this.page('institutions', INSTITUTION_COLUMNS, f, 'bin', filter);
  }

  async institution(bin: string) {
    return (await this.dataSource.query(`SELECT ${INSTITUTION_COLUMNS} FROM institutions WHERE bin = $1`, [bin]))[0];
  }

  programmes(filter: { institutionBin?: string; fiscalYear?: number; purpose?: string; flagged?: boolean } & Page) {
    const f = new ListFilter()
      .add('institution_bin = ?', filter.institutionBin)
      .add('fiscal_year = ?', filter.fiscalYear)
      .add('purpose = ?', filter.purpose)
      .add('(cardinality(open_flags) > 0) = ?', filter.flagged);
    return this.page('programmes', PROGRAMME_COLUMNS, f, 'fiscal_year DESC, institution_bin, code', filter);
  }

  async programme(id: string) {
    const row = (
      await this.dataSource.query(`SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE programme_id = $1`, [id])
    )[0];
    return row ? withMoney(row) : undefined;
  }

  contracts(filter: { contractorBin?: string; programmeId?: string } & Page) {
    const f = new ListFilter()
      .add('contractor_bin = ?', filter.contractorBin)
      .add('programme_id = ?', filter.programmeId);
    return this.page('contracts', CONTRACT_COLUMNS, f, 'signed_at DESC, contract_id', filter);
  }

  async contract(id: string) {
    const row = (
      await this.dataSource.query(`SELECT ${CONTRACT_COLUMNS} FROM contracts WHERE contract_id = $1`, [id])
    )[0];
    return row ? withMoney(row) : undefined;
  }

  private page(table: string, columns: string, filter: ListFilter, orderBy: string, page: Page) {
    return listPage(this.dataSource, { table, columns, filter, orderBy, page }, withMoney);
  }
}
