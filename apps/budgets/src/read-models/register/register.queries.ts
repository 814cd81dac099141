import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage, type Page, type Queryable } from '@app/platform';
import type { InstitutionKind } from '../../domain/budget.types';
import {
  contractColumns,
  institutionColumns,
  programmeColumns,
  type ContractRow,
  type InstitutionRow,
  type ProgrammeRow,
} from './register.tables';

/**
 * Reads of the public registers (institutions, programmes, contracts), for the routes and for the use cases that need
 * a fact of another record. A use case inside a transaction passes its manager as `db`, so it reads what it locked.
 */
@Injectable()
export class RegisterQueries {
  constructor(private readonly dataSource: DataSource) {}

  institutions(filter: { district?: string; kind?: string; disclosedIn?: number } & Page) {
    const f = new ListFilter()
      .add('district = ?', filter.district)
      .add('kind = ?', filter.kind)
      .add('? = ANY(disclosed_years)', filter.disclosedIn);
    return this.page<InstitutionRow>('institutions', institutionColumns, f, 'bin', filter);
  }

  async institution(bin: string, db: Queryable = this.dataSource) {
    const [row] = await db.query(`SELECT ${institutionColumns.select()} FROM institutions WHERE bin = $1`, [bin]);
    return row ? institutionColumns.row<InstitutionRow>(row) : undefined;
  }

  programmes(filter: { institutionBin?: string; fiscalYear?: number; purpose?: string; flagged?: boolean } & Page) {
    const f = new ListFilter()
      .add('institution_bin = ?', filter.institutionBin)
      .add('fiscal_year = ?', filter.fiscalYear)
      .add('purpose = ?', filter.purpose)
      .add('(cardinality(open_flags) > 0) = ?', filter.flagged);
    return this.page<ProgrammeRow>(
      'programmes',
      programmeColumns,
      f,
      'fiscal_year DESC, institution_bin, code',
      filter,
    );
  }

  async programme(id: string, db: Queryable = this.dataSource) {
    const [row] = await db.query(`SELECT ${programmeColumns.select()} FROM programmes WHERE programme_id = $1`, [id]);
    return row ? programmeColumns.row<ProgrammeRow>(row) : undefined;
  }

  /** An institution's programmes under one code, the latest year first (a code recurs once a year at most). */
  async programmesByCode(institutionBin: string, code: string, db: Queryable = this.dataSource) {
    const rows: { id: string; fiscalYear: number }[] = await db.query(
      `SELECT programme_id AS id, fiscal_year AS "fiscalYear" FROM programmes
        WHERE institution_bin = $1 AND code = $2 ORDER BY fiscal_year DESC`,
      [institutionBin, code],
    );
    return rows;
  }

  /** How many programmes an institution published for a year. */
  async programmeCount(institutionBin: string, fiscalYear: number): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM programmes WHERE institution_bin = $1 AND fiscal_year = $2`,
      [institutionBin, fiscalYear],
    );
    return count;
  }

  /** The revenue lines of a district's budgets for a year, with the kind of institution each belongs to. */
  async revenueLines(district: string, fiscalYear: number, db: Queryable = this.dataSource) {
    const rows: { id: string; institutionKind: InstitutionKind; publishedAt: Date }[] = await db.query(
      `SELECT p.programme_id AS id, i.kind AS "institutionKind", p.published_at AS "publishedAt"
         FROM programmes p JOIN institutions i ON i.bin = p.institution_bin
        WHERE p.district = $1 AND p.fiscal_year = $2 AND p.direction = 'revenue'`,
      [district, fiscalYear],
    );
    return rows;
  }

  contracts(filter: { contractorBin?: string; programmeId?: string } & Page) {
    const f = new ListFilter()
      .add('contractor_bin = ?', filter.contractorBin)
      .add('programme_id = ?', filter.programmeId);
    return this.page<ContractRow>('contracts', contractColumns, f, 'signed_at DESC, contract_id', filter);
  }

  async contract(id: string, db: Queryable = this.dataSource) {
    const [row] = await db.query(`SELECT ${contractColumns.select()} FROM contracts WHERE contract_id = $1`, [id]);
    return row ? contractColumns.row<ContractRow>(row) : undefined;
  }

  private page<R>(
    table: string,
    declared: { select(): string; row(raw: Record<string, unknown>): unknown },
    filter: ListFilter,
    orderBy: string,
    page: Page,
  ) {
    const columns = declared.select();
    return listPage<R>(this.dataSource, { table, columns, filter, orderBy, page }, (raw) => declared.row(raw) as R);
  }
}
