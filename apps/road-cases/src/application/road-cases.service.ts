import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, EventStore, type CommandResult } from '@app/event-store';
import { Clock, ForbiddenError, NotFoundError } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import type { AssignContractor, RoadCaseCommand } from '../domain/road-case.commands';
import { roadCaseDecider } from '../domain/road-case.decider';
import type { RoadCaseState } from '../domain/road-case.state';
import type { ContractTerms } from '../domain/road-case.types';
import { ROAD_CASE_STREAM } from '../projections/case-board.projection';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';

type Data<T extends RoadCaseCommand['type']> = Extract<RoadCaseCommand, { type: T }>['data'];

/** Load, decide, append for road cases; the HTTP and Kafka adapters only translate into these calls. */
@Injectable()
export class RoadCasesService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(ROAD_CASES_CONFIG) private readonly config: RoadCasesConfig,
  ) {}

  execute<T extends RoadCaseCommand['type']>(
    caseId: string,
    type: T,
    data: Data<T>,
    actor: Principal | { id: string; role: string },
    options: { expectedVersion?: number; manager?: EntityManager; at?: Date } = {},
  ): Promise<CommandResult<RoadCaseState>> {
    const command = { type, data, metadata: commandMetadata(actor, options.at ?? this.clock.now()) } as RoadCaseCommand;
    return this.handler.handle({
      decider: roadCaseDecider,
      streamType: ROAD_CASE_STREAM,
      streamId: caseId,
      command,
      expectedVersion: options.expectedVersion,
      manager: options.manager,
      notFound: type === 'OpenCase' ? undefined : 'Case',
      // Without If-Match a command is decided again on fresh state after a concurrent change (the handler never retries with one).
      retryOnConflict: 3,
      // One report, raid, case or fine is one thread: later steps stay on it.
      continueStreamThread: true,
    });
  }

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
    return this.execute(caseId, 'AssignContractor', data, actor, { expectedVersion });
  }

  async reportRepair(caseId: string, note: string, contractor: Principal, expectedVersion?: number) {
    await this.requireCase(caseId);
    if (!contractor.bin) throw new ForbiddenError('A contractor token must carry its BIN');
    return this.execute(caseId, 'ReportRepair', { contractorBin: contractor.bin, note }, contractor, {
      expectedVersion,
    });
  }

  async requireCase(caseId: string): Promise<void> {
    if ((await this.store.currentVersion(caseId)) === 0) throw new NotFoundError('Case', caseId);
  }

  async contract(contractId: string): Promise<ContractTerms> {
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
