import { Injectable } from '@nestjs/common';
import { mustExist } from '@app/domain-kernel';
import { PersonalDataKeyring, PersonalDataStore, personalDataView, type Principal } from '@app/platform';
import type { FineRow } from '../read-models/fine-board/fine-board.columns';
import { FineQueries } from '../read-models/fine-board/fine-board.queries';

/** Officials and auditors see the offender's IIN digest and BIN; anyone else reading a fine does not. */
function seesOffenderIdentity(reader: Principal): boolean {
  return reader.roles.some((r) => r === 'official' || r === 'auditor');
}

type IdentityColumns = 'offenderIinHmacSha256' | 'offenderIinKeyId' | 'offenderBin';

function withoutIdentity<T extends Record<IdentityColumns, unknown>>(row: T): Omit<T, IdentityColumns> {
  const { offenderIinHmacSha256: _h, offenderIinKeyId: _k, offenderBin: _b, ...rest } = row;
  return rest;
}

/** A fine as its reader may see it: the offender's identity and personal data only for the roles that may. */
@Injectable()
export class FineReads {
  constructor(
    private readonly queries: FineQueries,
    private readonly personalData: PersonalDataStore,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  /** The fine now from the register, with its offender as the reader may see them. */
  async one(id: string, reader: Principal) {
    const row = mustExist(await this.queries.one(id), 'Fine', id);
    const offender = await this.offender(row, reader);
    return seesOffenderIdentity(reader) ? { ...row, offender } : { ...withoutIdentity(row), offender };
  }

  /**
   * The offender's name, IIN and plate: from fines' personal-data record of an official's fine, in clear for the
   * roles that see the offender's identity and may read personal data, masked for the others; a raid's offender is
   * in monitoring's record of the offence, which says where to read it.
   */
  private async offender(row: FineRow, reader: Principal) {
    const subjectId = row.offenderDataSubjectId;
    if (row.offenderDataHeldBy === 'monitoring') {
      return { heldBy: 'monitoring', subjectId, read: `/raids/${row.raidId}/offences/${subjectId}/offender` };
    }
    const record = await this.personalData.find(subjectId);
    const inClear = seesOffenderIdentity(reader) && this.keyring.mayRead(reader);
    return { heldBy: 'fines', ...personalDataView(subjectId, record, inClear) };
  }
}
