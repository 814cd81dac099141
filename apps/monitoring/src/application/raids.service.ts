import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, type CommandResult } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import { PersonalDataKeyring, PersonalDataStore, type Principal } from '@app/platform';
import type { RaidCommand, RecordOffence } from '../domain/raid.commands';
import { raidDecider } from '../domain/raid.decider';
import type { RaidState } from '../domain/raid.state';
import { RAID_STREAM } from '../projections/raid-board.projection';
import { Clock } from '@app/domain-kernel';

/** What the personal-data record of an offence is for. */
export const OFFENDER_PURPOSE = 'raid-offender';

export interface OffenderPersonalData {
  offenderName: string;
  offenderIin?: string;
  vehiclePlate: string | null;
}

type Data<T extends RaidCommand['type']> = Extract<RaidCommand, { type: T }>['data'];

@Injectable()
export class RaidsService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly keyring: PersonalDataKeyring,
    private readonly personalData: PersonalDataStore,
  ) {}

  execute<T extends RaidCommand['type']>(
    raidId: string,
    type: T,
    data: Data<T>,
    actor: Principal,
    expectedVersion?: number,
    alongside?: (manager: EntityManager) => Promise<void>,
  ): Promise<CommandResult<RaidState>> {
    const command = { type, data, metadata: commandMetadata(actor, this.clock.now()) } as RaidCommand;
    return this.handler.handle({
      decider: raidDecider,
      streamType: RAID_STREAM,
      streamId: raidId,
      command,
      expectedVersion,
      notFound: type === 'PlanRaid' ? undefined : 'Raid',
      retryOnConflict: 3,
      // One report, raid, case or fine is one thread: later steps stay on it.
      continueStreamThread: true,
      alongside,
    });
  }

  /**
   * The offence goes into the log with the IIN's keyed digest only; the offender's name, IIN and plate go to the
   * personal-data record of the offence's id, in the same transaction (erasable later, the log untouched).
   */
  recordOffence(
    raidId: string,
    body: Omit<RecordOffence['data'], 'offenderIinHmacSha256' | 'offenderIinKeyId'> & OffenderPersonalData,
    actor: Principal,
    expectedVersion?: number,
  ) {
    const { offenderName, offenderIin, vehiclePlate, ...rest } = body;
    const digest = offenderIin ? this.keyring.digest('iin', offenderIin) : null;
    const data = {
      ...rest,
      offenderIinHmacSha256: digest?.hmacSha256 ?? null,
      offenderIinKeyId: digest?.keyId ?? null,
    };
    return this.execute(raidId, 'RecordOffence', data, actor, expectedVersion, (manager) =>
      this.personalData.record(manager, body.offenceId, OFFENDER_PURPOSE, {
        name: offenderName,
        iin: offenderIin,
        plate: vehiclePlate ?? undefined,
      }),
    );
  }

  async requireRaid(raidId: string): Promise<void> {
    const rows = await this.dataSource.query(`SELECT 1 FROM raid_board WHERE raid_id = $1`, [raidId]);
    if (rows.length === 0) throw new NotFoundError('Raid', raidId);
  }
}
