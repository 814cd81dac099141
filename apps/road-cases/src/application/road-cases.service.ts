import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AggregateCommands, EventStore } from '@app/event-store';
import { type Principal } from '@app/platform';
import type { AssignContractor } from '../domain/road-case.commands';
import type { ContractTerms } from '../domain/road-case.types';
import { roadCaseAggregate } from './road-case.aggregate';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';
import { ForbiddenError, NotFoundError } from '@app/domain-kernel';

/**
 * The steps on a road case that need more than the request: the contract as road-cases knows it, the configured
 * deadlines, the contractor's BIN. Every other command goes straight to AggregateCommands.
 */
@Injectable()
export class RoadCasesService {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    @Inject(ROAD_CASES_CONFIG) private readonly config: RoadCasesConfig,
  ) {}

  async assign(
    caseId: string,
    body: { contractorBin: string; contractId: string; dueAt?: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    await this.requireCase(caseId);
    const contract = await this.contract(body.contractId);
    const data: AssignContractor['data'] = {
      contractorBin: body.contractorBin,
      contract,
      deadlines: this.config.deadlines,
      dueAt: body.dueAt,
    };
    return this.commands.execute(roadCaseAggregate, caseId, 'AssignContractor', data, actor, { expectedVersion });
  }

  async reportRepair(caseId: string, note: string, contractor: Principal, expectedVersion?: number) {
    await this.requireCase(caseId);
    if (!contractor.bin) throw new ForbiddenError('A contractor token must carry its BIN');
    const data = { contractorBin: contractor.bin, note };
    return this.commands.execute(roadCaseAggregate, caseId, 'ReportRepair', data, contractor, { expectedVersion });
  }

  /** Before a step's own checks (a contract looked up, a BIN): an unknown case is a 404 first. */
  private async requireCase(caseId: string): Promise<void> {
    if ((await this.store.currentVersion(caseId)) === 0) throw new NotFoundError('Case', caseId);
  }

  private async contract(contractId: string): Promise<ContractTerms> {
    const rows = await this.dataSource.query(
      `SELECT contract_id, contractor_bin, warranty_ends_at FROM known_contracts WHERE contract_id = $1`,
      [contractId],
    );
    if (rows.length === 0) throw new NotFoundError('Contract', contractId);
    return {
      contractId: rows[0].contract_id,
      contractorBin: rows[0].contractor_bin,
      warrantyEndsAt: rows[0].warranty_ends_at.toISOString(),
    };
  }
}
