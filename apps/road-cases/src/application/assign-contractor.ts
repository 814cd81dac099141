import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, EventStore } from '@app/event-store';
import { type Principal } from '@app/platform';
import type { AssignContractor } from '../domain/road-case.commands';
import { KnownContracts } from '../read-models/known-contracts/known-contracts.queries';
import { requireCase } from './case-reads';
import { roadCaseAggregate } from './road-case.aggregate';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';

/**
 * POST /cases/{id}/assign. The decider judges the assignment with the contract's terms, from road-cases' record of
 * the contracts budgets published (an unknown contract is a 404 naming it), and the configured deadlines.
 */
@Injectable()
export class AssignContractorToCase {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly contracts: KnownContracts,
    @Inject(ROAD_CASES_CONFIG) private readonly config: RoadCasesConfig,
  ) {}

  async execute(
    caseId: string,
    body: { contractorBin: string; contractId: string; dueAt?: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    await requireCase(this.store, caseId);
    const data: AssignContractor['data'] = {
      contractorBin: body.contractorBin,
      contract: await this.contracts.terms(body.contractId),
      deadlines: this.config.deadlines,
      dueAt: body.dueAt,
    };
    return this.commands.execute(roadCaseAggregate, caseId, 'AssignContractor', data, actor, { expectedVersion });
  }
}
