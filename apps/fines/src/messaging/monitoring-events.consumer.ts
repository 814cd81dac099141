import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { OffenceRecordedV2, RaidPlannedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { appendAtStreamTail, commandMetadata, EventStore } from '@app/event-store';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { IssueFineUseCase } from '../application/issue-fine';
import { KNOWN_RAID_STREAM } from '../read-models/known-raids/known-raids.projection';
import { KnownRaids } from '../read-models/known-raids/known-raids.queries';

const CONSUMER = 'fines.monitoring';

/**
 * An offence recorded in a raid becomes a fine, issued by the raid's moderator or inspector (the envelope's actor).
 * One fine per offence: the inbox drops a redelivered envelope, and the fine id derived from the offence id makes
 * a second envelope for the same offence a no-op. The offender is known by the IIN's keyed digest only: the name and
 * plate stay in monitoring's personal-data record of the offence.
 */
@Controller()
export class MonitoringEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly issueFine: IssueFineUseCase,
    private readonly store: EventStore,
    private readonly raids: KnownRaids,
  ) {}

  /** The raid's district, recorded in fines' own log (RaidRecorded), for the fines of its offences. */
  @ConsumeEvent('RaidPlanned')
  async onRaidPlanned(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const raid = validateContract(RaidPlannedV1, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, async (manager) => {
      await appendAtStreamTail(this.store, manager, {
        streamType: KNOWN_RAID_STREAM,
        streamId: `raid-${raid.raidId}`,
        events: [{ type: 'RaidRecorded', data: { raidId: raid.raidId, district: raid.district } }],
        metadata: commandMetadata(envelope.actor, new Date(envelope.occurredAt)),
      });
    });
  }

  @ConsumeEvent('OffenceRecorded')
  async onOffenceRecorded(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const offence = validateContract(OffenceRecordedV2, envelope.payload);
    await this.inbox.once(CONSUMER, envelope, async (manager) => {
      const district = await this.districtOf(offence.raidId, offence.place, envelope.payload, manager);
      await this.issueFine.execute(
        {
          offenceId: offence.offenceId,
          offenceType: offence.offenceType,
          committedAt: offence.committedAt,
          place: offence.place,
          district,
          raidId: offence.raidId,
          caseId: null,
          evidence: offence.evidence,
          offender: {
            category: offence.offenderCategory,
            iinHmacSha256: offence.offenderIinHmacSha256 ?? null,
            iinKeyId: offence.offenderIinKeyId ?? null,
            bin: offence.offenderBin ?? null,
          },
        },
        envelope.actor,
        { manager },
      );
    });
  }

  /** A district the producer states, else the raid's (from RaidPlanned), else the offence's place stands for it. */
  private async districtOf(raidId: string, place: string, payload: unknown, manager: EntityManager): Promise<string> {
    const stated = (payload as { district?: unknown }).district;
    if (typeof stated === 'string' && stated.length > 0) return stated;
    return (await this.raids.district(raidId, manager)) ?? place;
  }
}
