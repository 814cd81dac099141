import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mustExist } from '@app/domain-kernel';
import type { ContractTerms } from '../../domain/road-case.types';
import { knownContractsColumns } from './known-contracts.projection';

const TERMS = knownContractsColumns.select(['contract_id', 'contractor_bin', 'warranty_ends_at']);

/** Reads of the contracts road-cases learned from budgets. */
@Injectable()
export class KnownContracts {
  constructor(private readonly dataSource: DataSource) {}

  /** The terms an assignment is decided with; an unknown contract is a 404 naming it. */
  async terms(contractId: string): Promise<ContractTerms> {
    const rows: (Omit<ContractTerms, 'warrantyEndsAt'> & { warrantyEndsAt: Date })[] = await this.dataSource.query(
      `SELECT ${TERMS} FROM known_contracts WHERE contract_id = $1`,
      [contractId],
    );
    const row = mustExist(rows[0], 'Contract', contractId);
    return { ...row, warrantyEndsAt: row.warrantyEndsAt.toISOString() };
  }
}
