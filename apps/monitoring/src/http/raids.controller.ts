import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AggregateCommands,
  AsOfQueryDto,
  commandAnswer,
  HistoryQueryDto,
  IfMatch,
  StreamReads,
  versioned,
  type CommandResult,
} from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import {
  CurrentPrincipal,
  PersonalDataKeyring,
  PersonalDataStore,
  personalDataView,
  Roles,
  type Principal,
} from '@app/platform';
import { raidAggregate } from '../application/raid.aggregate';
import { RaidQueries } from '../application/raid-queries';
import { RaidsService } from '../application/raids.service';
import {
  CloseRaidDto,
  ConductRaidDto,
  PlanRaidDto,
  RaidListQueryDto,
  RecordDefectDto,
  RecordOffenceDto,
} from './raid.dto';

type Result = CommandResult<{ status: string }>;

const answer = <Extra extends Record<string, string>>(result: Result, extra: Extra = {} as Extra) =>
  commandAnswer(result, { status: result.state.status, ...extra });

/** Raids (the club's monitoring events) over HTTP; findings become road cases and fines downstream. */
@Controller('raids')
export class RaidsController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly raids: RaidsService,
    private readonly queries: RaidQueries,
    private readonly reads: StreamReads,
    private readonly personalData: PersonalDataStore,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  @Roles('moderator')
  @Post()
  async plan(@Body() body: PlanRaidDto, @CurrentPrincipal() actor: Principal) {
    const raidId = randomUUID();
    const data = { raidId, title: body.title, district: body.district, plannedFor: body.plannedFor };
    return answer(await this.commands.execute(raidAggregate, raidId, 'PlanRaid', data, actor, { expectedVersion: 0 }));
  }

  @Roles('moderator')
  @Post(':id/conduct')
  @HttpCode(200)
  async conduct(
    @Param('id') id: string,
    @Body() body: ConductRaidDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
    const data = { participants: body.participants };
    return answer(await this.commands.execute(raidAggregate, id, 'ConductRaid', data, actor, { expectedVersion }));
  }

  /** Each defect gets its id here; it becomes (or joins) a road case through DefectFound. */
  @Roles('moderator')
  @Post(':id/defects')
  @HttpCode(201)
  async recordDefect(
    @Param('id') id: string,
    @Body() body: RecordDefectDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
    const raid = await this.queries.one(id);
    if (!raid) throw new NotFoundError('Raid', id);
    const defectId = randomUUID();
    const data = {
      defectId,
      location: { lat: body.location.lat, lon: body.location.lon },
      district: body.district ?? raid.district,
      address: body.address,
      defectType: body.defectType,
      description: body.description ?? '',
    };
    const result = await this.commands.execute(raidAggregate, id, 'RecordDefect', data, actor, { expectedVersion });
    return answer(result, { defectId });
  }

  @Roles('moderator', 'inspector')
  @Post(':id/offences')
  @HttpCode(201)
  async recordOffence(
    @Param('id') id: string,
    @Body() body: RecordOffenceDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
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
      evidence: body.evidence,
    };
    return answer(await this.raids.recordOffence(id, data, actor, expectedVersion), { offenceId });
  }

  @Roles('moderator')
  @Post(':id/close')
  @HttpCode(200)
  async close(
    @Param('id') id: string,
    @Body() body: CloseRaidDto,
    @IfMatch() expectedVersion: number | undefined,
    @CurrentPrincipal() actor: Principal,
  ) {
    const data = { summary: body.summary ?? '' };
    return answer(await this.commands.execute(raidAggregate, id, 'CloseRaid', data, actor, { expectedVersion }));
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get()
  list(@Query() query: RaidListQueryDto) {
    return this.queries.list({
      status: query.status,
      district: query.district,
      page: query.page ?? 1,
      limit: query.limit ?? 50,
    });
  }

  /**
   * The offender of one offence: personal data, kept out of the log and every topic. In clear for the roles that
   * may read personal data (PERSONAL_DATA_ROLES), masked for the others; empty with erasedAt once erased.
   */
  @Roles('moderator', 'inspector', 'official', 'auditor')
  @Get(':id/offences/:offenceId/offender')
  async offender(@Param('id') id: string, @Param('offenceId') offenceId: string, @CurrentPrincipal() actor: Principal) {
    const raid = await this.queries.one(id);
    if (!raid || !raid.offences.some((o) => o.offenceId === offenceId)) throw new NotFoundError('Offence', offenceId);
    const record = await this.personalData.find(offenceId);
    return personalDataView(offenceId, record, this.keyring.mayRead(actor));
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    await this.raids.requireRaid(id);
    return this.reads.history(raidAggregate, id, query);
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto) {
    const row = await this.queries.one(id);
    if (!row) throw new NotFoundError('Raid', id);
    if (query.asOf) return this.reads.asOf(raidAggregate, id, query.asOf);
    return versioned(row);
  }
}
