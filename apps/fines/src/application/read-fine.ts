import { Injectable } from '@nestjs/common';
import { StreamReads, versioned } from '@app/event-store';
import { mustExist } from '@app/domain-kernel';
import { PersonalDataKeyring, PersonalDataStore, personalDataView, type Principal } from '@app/platform';
import { mciUnverified } from '../domain/mci';
import { FineQueries } from '../read-models/fine-board/fine-board.queries';
import type { FineRow } from '../read-models/fine-board/fine-board.columns';
import { fineAggregate } from './fine.aggregate';

/** Officials and auditors see the offender's IIN digest and BIN; anyone else reading a fine does not. */
function seesOffenderIdentity(actor: Principal): boolean {
  return actor.roles.some((r) => r === 'official' || r === 'auditor');
}

type IdentityColumns = 'offenderIinHmacSha256' | 'offenderIinKeyId' | 'offenderBin';

function withoutIdentity<T extends Record<IdentityColumns, unknown>>(row: T): Omit<T, IdentityColumns> {
  const { offenderIinHmacSha256: _h, offenderIinKeyId: _k, offenderBin: _b, ...rest } = row;
  return rest;
}

/**
 * Reading one fine, and the rule over who sees its offender: officials and auditors the IIN digest and BIN, and the
 * offender's personal data in clear when the keyring lets them read it; every other reader neither, masked.
 */
@Injectable()
export class ReadFine {
  constructor(
    private readonly queries: FineQueries,
    private readonly reads: StreamReads,
    private readonly personalData: PersonalDataStore,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  /**
   * The fine now from the register, with its offender as the reader may see them, or as it stood at asOf (a version
   * or an ISO time) from its events. Both answers come from this one function on purpose: the route's OpenAPI schema
   * is its inferred type, and a union built across two functions loses the answer with the identity (TypeScript
   * folds it into the one without).
   */
  async one(id: string, actor: Principal, asOf?: string) {
    if (asOf) return this.reads.asOf(fineAggregate, id, asOf);
    const row = mustExist(await this.queries.one(id), 'Fine', id);
    const offender = await this.offender(row, actor);
    const answer = { ...versioned(row), mciUnverified: mciUnverified(row.committedAt, row.mciEffectiveFrom) };
    return seesOffenderIdentity(actor) ? { ...answer, offender } : { ...withoutIdentity(answer), offender };
  }

  /**
   * The offender's name, IIN and plate: from fines' personal-data record of an official's fine, in clear for the
   * roles that may read personal data and masked for the others; a raid's offender is in monitoring's record of the
   * offence, which says where to read it.
   */
  private async offender(row: FineRow, actor: Principal) {
    const subjectId = row.offenderDataSubjectId;
    if (row.offenderDataHeldBy === 'monitoring') {
      return { heldBy: 'monitoring', subjectId, read: `/raids/${row.raidId}/offences/${subjectId}/offender` };
    }
    const record = await this.personalData.find(subjectId);
    const inClear = seesOffenderIdentity(actor) && this.keyring.mayRead(actor);
    return { heldBy: 'fines', ...personalDataView(subjectId, record, inClear) };
  }
}
