import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands, EventStore } from '@app/event-store';
import { type Principal } from '@app/platform';
import { ForbiddenError, mustExist } from '@app/domain-kernel';
import { EvidencePhotoStore, photoEvidence, type StrippedPhoto } from '@app/photo-evidence';
import type { AssignContractor } from '../domain/road-case.commands';
import { KnownContracts } from '../read-models/known-contracts/known-contracts.queries';
import { roadCaseAggregate } from './road-case.aggregate';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';

/**
 * The steps on a road case that need more than the request: the contract as road-cases knows it, the configured
 * deadlines, the contractor's BIN. Every other command goes straight to AggregateCommands.
 */
@Injectable()
export class RoadCasesService {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly contracts: KnownContracts,
    @Inject(ROAD_CASES_CONFIG) private readonly config: RoadCasesConfig,
    private readonly photos: EvidencePhotoStore,
  ) {}

  async assign(
    caseId: string,
    body: { contractorBin: string; contractId: string; dueAt?: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    await this.requireCase(caseId);
    const data: AssignContractor['data'] = {
      contractorBin: body.contractorBin,
      contract: await this.contracts.terms(body.contractId),
      deadlines: this.config.deadlines,
      dueAt: body.dueAt,
    };
    return this.commands.execute(roadCaseAggregate, caseId, 'AssignContractor', data, actor, { expectedVersion });
  }

  /** Photos of the repair are stored with the event that names them by hash, or not at all. */
  async reportRepair(
    caseId: string,
    note: string,
    contractor: Principal,
    expectedVersion?: number,
    photos: readonly StrippedPhoto[] = [],
  ) {
    await this.requireCase(caseId);
    if (!contractor.bin) throw new ForbiddenError('A contractor token must carry its BIN');
    const data = {
      contractorBin: contractor.bin,
      note,
      ...(photos.length > 0 ? { photoEvidence: photoEvidence(photos) } : {}),
    };
    return this.commands.execute(roadCaseAggregate, caseId, 'ReportRepair', data, contractor, {
      expectedVersion,
      alongside: this.photos.alongside(photos),
    });
  }

  /** Before a step's own checks (a contract looked up, a BIN): an unknown case is a 404 first. */
  private async requireCase(caseId: string): Promise<void> {
    mustExist(await this.store.currentVersion(caseId), 'Case', caseId);
  }
}
