import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AggregateCommands, AsOfQueryDto, Caller, HistoryQueryDto, statusAnswer, versioned } from '@app/event-store';
import { CommandRoute, CurrentPrincipal, Roles, type Principal, filteredPageOf } from '@app/platform';
import { ValidationFailedError } from '@app/domain-kernel';
import { AcceptsPhotos, photoEvidence, PhotoUploads, type StrippedPhoto } from '@app/photo-evidence';
import { raidAggregate } from '../application/raid.aggregate';
import { RecordRaidOffence } from '../application/record-offence';
import { ReadRaid } from '../application/read-raid';
import { RecordRaidDefect } from '../application/record-defect';
import { RaidQueries } from '../read-models/raid-board/raid-board.queries';
import {
  CloseRaidDto,
  ConductRaidDto,
  PlanRaidDto,
  RaidListQueryDto,
  RecordDefectDto,
  RecordOffenceDto,
} from './raid.dto';

/** Raids (the club's monitoring events) over HTTP; findings become road cases and fines downstream. */
@Controller('raids')
export class RaidsController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly recordOffences: RecordRaidOffence,
    private readonly recordDefects: RecordRaidDefect,
    private readonly read: ReadRaid,
    private readonly queries: RaidQueries,
  ) {}

  @Roles('moderator')
  @Post()
  async plan(@Body() body: PlanRaidDto, @CurrentPrincipal() actor: Principal) {
    const raidId = randomUUID();
    const data = { raidId, title: body.title, district: body.district, plannedFor: body.plannedFor };
    return statusAnswer(
      await this.commands.execute(raidAggregate, raidId, 'PlanRaid', data, actor, { expectedVersion: 0 }),
    );
  }

  @CommandRoute('moderator', 200, ':id/conduct')
  async conduct(@Param('id') id: string, @Body() body: ConductRaidDto, @Caller() { actor, expectedVersion }: Caller) {
    const data = { participants: body.participants };
    return statusAnswer(
      await this.commands.execute(raidAggregate, id, 'ConductRaid', data, actor, { expectedVersion }),
    );
  }

  /** Each defect gets its id here; it becomes (or joins) a road case through DefectFound. */
  @CommandRoute('moderator', 201, ':id/defects')
  @AcceptsPhotos()
  async recordDefect(
    @Param('id') id: string,
    @Body() body: RecordDefectDto,
    @Caller() { actor, expectedVersion }: Caller,
    @PhotoUploads() photos: StrippedPhoto[],
  ) {
    const defectId = randomUUID();
    const data = {
      defectId,
      location: { lat: body.location.lat, lon: body.location.lon },
      district: body.district,
      address: body.address,
      defectType: body.defectType,
      description: body.description ?? '',
      ...(photos.length > 0 ? { photoEvidence: photoEvidence(photos) } : {}),
    };
    return statusAnswer(await this.recordDefects.execute(id, data, actor, expectedVersion, photos), { defectId });
  }

  @CommandRoute(['moderator', 'inspector'], 201, ':id/offences')
  @AcceptsPhotos()
  async recordOffence(
    @Param('id') id: string,
    @Body() body: RecordOffenceDto,
    @Caller() { actor, expectedVersion }: Caller,
    @PhotoUploads() photos: StrippedPhoto[],
  ) {
    const evidence = body.evidence ?? [];
    if (evidence.length === 0 && photos.length === 0)
      throw new ValidationFailedError(
        'evidence',
        'evidence must list at least one item (photo, video or document URL), or photos be uploaded',
      );
    const offenceId = randomUUID();
    const data = {
      offenceId,
      offenceType: body.offenceType,
      offenderCategory: body.offenderCategory,
      offenderName: body.offenderName,
      offenderIin: body.offenderIin,
      offenderBin: body.offenderBin ?? null,
      vehiclePlate: body.vehiclePlate ?? null,
      place: body.place,
      committedAt: new Date(body.committedAt).toISOString(),
      evidence,
      ...(photos.length > 0 ? { photoEvidence: photoEvidence(photos) } : {}),
    };
    return statusAnswer(await this.recordOffences.execute(id, data, actor, expectedVersion, photos), { offenceId });
  }

  @CommandRoute('moderator', 200, ':id/close')
  async close(@Param('id') id: string, @Body() body: CloseRaidDto, @Caller() { actor, expectedVersion }: Caller) {
    const data = { summary: body.summary ?? '' };
    return statusAnswer(await this.commands.execute(raidAggregate, id, 'CloseRaid', data, actor, { expectedVersion }));
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get()
  list(@Query() query: RaidListQueryDto) {
    return this.queries.list(filteredPageOf(query, 'status', 'district'));
  }

  /** The offender of one offence: in clear for the roles that may read personal data, masked for the others. */
  @Roles('moderator', 'inspector', 'official', 'auditor')
  @Get(':id/offences/:offenceId/offender')
  offender(@Param('id') id: string, @Param('offenceId') offenceId: string, @CurrentPrincipal() actor: Principal) {
    return this.read.offender(id, offenceId, actor);
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    return this.read.history(id, query);
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    if (query.asOf) return this.read.asOf(id, query.asOf);
    return versioned(await this.read.now(id));
  }
}
