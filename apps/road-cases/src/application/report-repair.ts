import { Injectable } from '@nestjs/common';
import { AggregateCommands, EventStore } from '@app/event-store';
import { type Principal } from '@app/platform';
import { ForbiddenError } from '@app/domain-kernel';
import { EvidencePhotoStore, photoEvidence, type StrippedPhoto } from '@app/photo-evidence';
import { requireCase } from './case-reads';
import { roadCaseAggregate } from './road-case.aggregate';

/** POST /cases/{id}/report-repair. The repair is reported under the contractor's BIN, which its token must carry. */
@Injectable()
export class ReportCaseRepair {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    private readonly photos: EvidencePhotoStore,
  ) {}

  /** Photos of the repair are stored with the event that names them by hash, or not at all. */
  async execute(
    caseId: string,
    note: string,
    contractor: Principal,
    expectedVersion?: number,
    photos: readonly StrippedPhoto[] = [],
  ) {
    await requireCase(this.store, caseId);
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
}
