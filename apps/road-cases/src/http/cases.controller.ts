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
import { ForbiddenError, NotFoundError } from '@app/domain-kernel';
import { CurrentPrincipal, Public, Roles, type Principal } from '@app/platform';
import { CaseQueries } from '../application/case-queries';
import { RoadCasesService } from '../application/road-cases.service';
import { roadCaseDecider } from '../domain/road-case.decider';
import {
  AcceptRepairDto,
  AssignContractorDto,
  CaseListQueryDto,
  OpenCaseDto,
  ReasonDto,
  ReportRepairDto,
  VerifyDefectDto,
} from './case.dto';

type Result = CommandResult<{ status: string }>;

const answer = (response: Response, result: Result) => commandAnswer(response, result, { status: result.state.status });

/** Road cases over HTTP: thin translation into commands and reads; rules live in the decider. */
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: RoadCasesService,
    private readonly queries: CaseQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('inspector', 'official')
  @Post()
  async open(
    @Body() body: OpenCaseDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const caseId = randomUUID();
    const result = await this.cases.execute(
      caseId,
      'OpenCase',
      { caseId, ...body, source: 'inspector', reportIds: [], raidId: null },
      actor,
      {
        expectedVersion: 0,
      },
    );
    res.status(201);
    return answer(res, result);
  }

  @Roles('inspector')
  @Post(':id/verify')
  @HttpCode(200)
  async verify(
    @Param('id') id: string,
    @Body() body: VerifyDefectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.cases.execute(id, 'VerifyDefect', body, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('inspector')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.cases.execute(id, 'RejectCase', body, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('official')
  @Post(':id/assign')
  @HttpCode(200)
  async assign(
    @Param('id') id: string,
    @Body() body: AssignContractorDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.cases.assign(id, body, actor, parseIfMatch(ifMatch)));
  }

  @Roles('contractor')
  @Post(':id/report-repair')
  @HttpCode(200)
  async reportRepair(
    @Param('id') id: string,
    @Body() body: ReportRepairDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(res, await this.cases.reportRepair(id, body.note ?? '', actor, parseIfMatch(ifMatch)));
  }

  @Roles('inspector')
  @Post(':id/accept-repair')
  @HttpCode(200)
  async acceptRepair(
    @Param('id') id: string,
    @Body() body: AcceptRepairDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.cases.execute(id, 'AcceptRepair', body, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('inspector')
  @Post(':id/reject-repair')
  @HttpCode(200)
  async rejectRepair(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.cases.execute(id, 'RejectRepair', body, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('inspector', 'official', 'moderator')
  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.cases.execute(id, 'ReopenCase', body, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get()
  list(@Query() query: CaseListQueryDto, @CurrentPrincipal() actor: Principal) {
    const contractorOnly = isOnlyContractor(actor);
    if (contractorOnly && query.contractorBin && query.contractorBin !== actor.bin) {
      throw new ForbiddenError('A contractor sees only its own cases');
    }
    return this.queries.list({
      status: query.status,
      district: query.district,
      contractorBin: contractorOnly ? actor.bin : query.contractorBin,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      defectType: query.defectType,
      page: query.page ?? 1,
      limit: query.limit ?? 50,
    });
  }

  @Public()
  @Get('stats')
  stats() {
    return this.queries.stats();
  }

  @Public()
  @Get(':id/public')
  async publicStatus(@Param('id') id: string) {
    const row = await this.queries.publicStatus(id);
    if (!row) throw new NotFoundError('Case', id);
    return row;
  }

  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() actor: Principal) {
    await this.guardContractor(id, actor);
    return this.reads.history('Case', id, query);
  }

  /** The case now from the board, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Roles('official', 'inspector', 'auditor', 'contractor')
  @Get(':id')
  async one(
    @Param('id') id: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const guarded = await this.guardContractor(id, actor);
    if (query.asOf) {
      const loaded = await this.reads.state('Case', roadCaseDecider, id, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { id, version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    const row = guarded ?? (await this.queries.one(id));
    if (!row) throw new NotFoundError('Case', id);
    res.setHeader('ETag', versionEtag(row.version));
    return row;
  }

  /** For a contractor, the case row it was checked against (so the caller need not read it again); otherwise undefined. */
  private async guardContractor(id: string, actor: Principal) {
    if (!isOnlyContractor(actor)) return undefined;
    const row = await this.queries.one(id);
    if (!row) throw new NotFoundError('Case', id);
    if (row.contractorBin !== actor.bin) throw new ForbiddenError('A contractor sees only its own cases');
    return row;
  }
}

function isOnlyContractor(actor: Principal): boolean {
  return (
    actor.roles.includes('contractor') &&
    !actor.roles.some((r) => r === 'official' || r === 'inspector' || r === 'auditor')
  );
}
