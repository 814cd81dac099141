import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import {
  AsOfQueryDto,
  commandAnswer,
  HistoryQueryDto,
  parseIfMatch,
  StreamReads,
  versionEtag,
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
import { RaidQueries } from '../application/raid-queries';
import { RaidsService } from '../application/raids.service';
import { raidDecider } from '../domain/raid.decider';
import {
  CloseRaidDto,
  ConductRaidDto,
  PlanRaidDto,
  RaidListQueryDto,
  RecordDefectDto,
  RecordOffenceDto,
} from './raid.dto';

type Result = CommandResult<{ status: string }>;

const answer = <Extra extends Record<string, string>>(response: Response, result: Result, extra: Extra = {} as Extra) =>
  commandAnswer(response, result, { status: result.state.status, ...extra });

/** Raids (the club's monitoring events) over HTTP; findings become road cases and fines downstream. */
@Controller('raids')
export class RaidsController {
  constructor(
    private readonly raids: RaidsService,
    private readonly queries: RaidQueries,
    private readonly reads: StreamReads,
    private readonly personalData: PersonalDataStore,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  @Roles('moderator')
  @Post()
  async plan(
    @Body() body: PlanRaidDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const raidId = randomUUID();
    const result = await this.raids.execute(
      raidId,
      'PlanRaid',
      { raidId, title: body.title, district: body.district, plannedFor: body.plannedFor },
      actor,
      0,
    );
    res.status(201);
    return answer(res, result);
  }

  @Roles('moderator')
  @Post(':id/conduct')
  @HttpCode(200)
  async conduct(
    @Param('id') id: string,
    @Body() body: ConductRaidDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.raids.execute(id, 'ConductRaid', { participants: body.participants }, actor, parseIfMatch(ifMatch)),
    );
  }

  /** Each defect gets its id here; it becomes (or joins) a road case through DefectFound. */
  @Roles('moderator')
  @Post(':id/defects')
  @HttpCode(201)
  async recordDefect(
    @Param('id') id: string,
    @Body() body: RecordDefectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
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
    return answer(res, await this.raids.execute(id, 'RecordDefect', data, actor, parseIfMatch(ifMatch)), { defectId });
  }

  @Roles('moderator', 'inspector')
  @Post(':id/offences')
  @HttpCode(201)
  async recordOffence(
    @Param('id') id: string,
    @Body() body: RecordOffenceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
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
    return answer(res, await this.raids.recordOffence(id, data, actor, parseIfMatch(ifMatch)), { offenceId });
  }

  @Roles('moderator')
  @Post(':id/close')
  @HttpCode(200)
  async close(
    @Param('id') id: string,
    @Body() body: CloseRaidDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.raids.execute(id, 'CloseRaid', { summary: body.summary ?? '' }, actor, parseIfMatch(ifMatch)),
    );
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
    return this.reads.history('Raid', id, query);
  }

  @Roles('moderator', 'inspector', 'auditor')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const row = await this.queries.one(id);
    if (!row) throw new NotFoundError('Raid', id);
    if (query.asOf) {
      const loaded = await this.reads.state('Raid', raidDecider, id, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { id, version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    res.setHeader('ETag', versionEtag(row.version));
    return row;
  }
}
