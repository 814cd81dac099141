import type { PhotoEvidence } from '@app/contracts';
import { linkedPhotoEvidence } from '@app/photo-evidence';
import { Injectable } from '@nestjs/common';
import { type HistoryQueryDto, StreamReads } from '@app/event-store';
import { PersonalDataKeyring, PersonalDataStore, personalDataView, type Principal } from '@app/platform';
import { mustExist } from '@app/domain-kernel';
import { RaidQueries } from '../read-models/raid-board/raid-board.queries';
import { raidAggregate } from './raid.aggregate';

/** Reading one raid: it must exist (404 naming it), and an offender only through an offence the raid recorded. */
@Injectable()
export class ReadRaid {
  constructor(
    private readonly queries: RaidQueries,
    private readonly reads: StreamReads,
    private readonly personalData: PersonalDataStore,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  /** The raid as the board holds it, each finding's photos with where they are served. */
  async now(id: string) {
    const raid = mustExist(await this.queries.one(id), 'Raid', id);
    const linked = <F extends { photoEvidence?: PhotoEvidence[] }>(finding: F) =>
      finding.photoEvidence ? { ...finding, photoEvidence: linkedPhotoEvidence(finding.photoEvidence) } : finding;
    return { ...raid, defects: raid.defects.map(linked), offences: raid.offences.map(linked) };
  }

  /** The raid as it stood at ?asOf= (a version or a moment), from its events. */
  async asOf(id: string, asOf: string) {
    await this.now(id);
    return this.reads.asOf(raidAggregate, id, asOf);
  }

  async history(id: string, query: HistoryQueryDto) {
    await this.now(id);
    return this.reads.history(raidAggregate, id, query);
  }

  /**
   * The offender of one offence: personal data, kept out of the log and every topic. In clear for the roles that
   * may read personal data (PERSONAL_DATA_ROLES), masked for the others; empty with erasedAt once erased.
   */
  async offender(id: string, offenceId: string, actor: Principal) {
    const raid = await this.queries.one(id);
    mustExist(
      raid?.offences.find((o) => o.offenceId === offenceId),
      'Offence',
      offenceId,
    );
    const record = await this.personalData.find(offenceId);
    return personalDataView(offenceId, record, this.keyring.mayRead(actor));
  }
}
