import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { EvidencePhotoStore, type StrippedPhoto } from '@app/photo-evidence';
import { PersonalDataKeyring, PersonalDataStore, type Principal } from '@app/platform';
import type { RecordOffence } from '../domain/raid.commands';
import { raidAggregate } from './raid.aggregate';

/** What the personal-data record of an offence is for. */
export const OFFENDER_PURPOSE = 'raid-offender';

export interface OffenderPersonalData {
  offenderName: string;
  offenderIin?: string;
  vehiclePlate: string | null;
}

/**
 * Recording a raid's offence: the offender's personal data kept beside it. The other commands go straight to
 * AggregateCommands, or through their use case (record-defect.ts).
 */
@Injectable()
export class RecordRaidOffence {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly keyring: PersonalDataKeyring,
    private readonly personalData: PersonalDataStore,
    private readonly photos: EvidencePhotoStore,
  ) {}

  /**
   * The offence goes into the log with the IIN's keyed digest only; the offender's name, IIN and plate go to the
   * personal-data record of the offence's id, in the same transaction (erasable later, the log untouched).
   */
  execute(
    raidId: string,
    body: Omit<RecordOffence['data'], 'offenderIinHmacSha256' | 'offenderIinKeyId'> & OffenderPersonalData,
    actor: Principal,
    expectedVersion?: number,
    photos: readonly StrippedPhoto[] = [],
  ) {
    const { offenderName, offenderIin, vehiclePlate, ...rest } = body;
    const digest = this.keyring.iinDigestFields(offenderIin);
    const data = { ...rest, offenderIinHmacSha256: digest.hmacSha256, offenderIinKeyId: digest.keyId };
    return this.commands.execute(raidAggregate, raidId, 'RecordOffence', data, actor, {
      expectedVersion,
      alongside: this.photos.alongside(photos, (manager) =>
        this.personalData.record(manager, body.offenceId, OFFENDER_PURPOSE, {
          name: offenderName,
          iin: offenderIin,
          plate: vehiclePlate ?? undefined,
        }),
      ),
    });
  }
}
