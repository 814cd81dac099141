import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import type { Principal } from '@app/platform';
import { mustExist } from '@app/domain-kernel';
import { EvidencePhotoStore, type StrippedPhoto } from '@app/photo-evidence';
import type { RecordDefect } from '../domain/raid.commands';
import { RaidQueries } from '../read-models/raid-board/raid-board.queries';
import { raidAggregate } from './raid.aggregate';

type Defect = Omit<RecordDefect['data'], 'district'> & { district?: string };

/** Recording a raid's defect: one not placed in a district is in the raid's, so the raid is read first. */
@Injectable()
export class RecordRaidDefect {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly raids: RaidQueries,
    private readonly photos: EvidencePhotoStore,
  ) {}

  /** Uploaded photos are stored with the event that names them (data.photoEvidence), or not at all. */
  async execute(
    raidId: string,
    defect: Defect,
    actor: Principal,
    expectedVersion?: number,
    photos: readonly StrippedPhoto[] = [],
  ) {
    const raid = mustExist(await this.raids.one(raidId), 'Raid', raidId);
    const data = { ...defect, district: defect.district ?? raid.district };
    return this.commands.execute(raidAggregate, raidId, 'RecordDefect', data, actor, {
      expectedVersion,
      alongside: this.photos.alongside(photos),
    });
  }
}
