import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TableReads } from '@app/event-store';
import { ListFilter, type Page, type Queryable } from '@app/platform';
import type { InstitutionKind } from '../../domain/budget.types';
import {
  contractColumns,
  institutionColumns,
  programmeColumns,
  type ContractRow,
  type InstitutionRow,
  type ProgrammeRow,
} from './register.tables';

/** A register's page and one-row read by its key: its columns' SELECT list, each row as its columns map it. */
function registerReads<R>(
  table: string,
  key: string,
  declared: { select(): string; row(raw: Record<string, unknown>): unknown },
): TableReads<R> {
  return new TableReads<R>(table, key, declared.select(), (raw) => declared.row(raw));
}

const institutions = registerReads<InstitutionRow>('institutions', 'bin', institutionColumns);
const programmes = registerReads<ProgrammeRow>('programmes', 'programme_id', programmeColumns);
const contracts = registerReads<ContractRow>('contracts', 'contract_id', contractColumns);

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
    return institutions.page(this.dataSource, f, 'bin', filter);
  }

  async institution(bin: string, db: Queryable = this.dataSource) {
    return institutions.one(db, bin);
  }

  programmes(filter: { institutionBin?: string; fiscalYear?: number; purpose?: string; flagged?: boolean } & Page) {
    const f = new ListFilter()
      .add('institution_bin = ?', filter.institutionBin)
      .add('fiscal_year = ?', filter.fiscalYear)
      .add('purpose = ?', filter.purpose)
      .add('(cardinality(open_flags) > 0) = ?', filter.flagged);
    return programmes.page(this.dataSource, f, 'fiscal_year DESC, institution_bin, code', filter);
  }

  async programme(id: string, db: Queryable = this.dataSource) {
    return programmes.one(db, id);
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
    return contracts.page(this.dataSource, f, 'signed_at DESC, contract_id', filter);
  }

  async contract(id: string, db: Queryable = this.dataSource) {
    return contracts.one(db, id);
  }
}
