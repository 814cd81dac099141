import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { iinDigest } from '@app/contracts';
import { CommandHandler, commandMetadata, type CommandResult } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import type { RaidCommand, RecordOffence } from '../domain/raid.commands';
import { raidDecider } from '../domain/raid.decider';
import type { RaidState } from '../domain/raid.state';
import { RAID_STREAM } from '../projections/raid-board.projection';
import { Clock } from '@app/domain-kernel';

type Data<T extends RaidCommand['type']> = Extract<RaidCommand, { type: T }>['data'];

@Injectable()
export class RaidsService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  execute<T extends RaidCommand['type']>(
    raidId: string,
    type: T,
    data: Data<T>,
    actor: Principal,
    expectedVersion?: number,
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
    });
  }

  recordOffence(
    raidId: string,
    body: Omit<RecordOffence['data'], 'offenderIinSha256'> & { offenderIin?: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    const { offenderIin, ...rest } = body;
    return this.execute(
      raidId,
      'RecordOffence',
      { ...rest, offenderIinSha256: offenderIin ? iinDigest(offenderIin) : null },
      actor,
      expectedVersion,
    );
  }

  async requireRaid(raidId: string): Promise<void> {
    const rows = await this.dataSource.query(`SELECT 1 FROM raid_board WHERE raid_id = $1`, [raidId]);
    if (rows.length === 0) throw new NotFoundError('Raid', raidId);
  }
}
