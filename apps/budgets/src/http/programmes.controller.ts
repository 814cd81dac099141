import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AsOfQueryDto, commandAnswer, HistoryQueryDto, parseIfMatch, StreamReads, versionEtag } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import { CurrentPrincipal, Public, Roles, type Principal } from '@app/platform';
import { BudgetOperations } from '../application/budget-operations';
import { BudgetsService, flaggingReportThread } from '../application/budgets.service';
import { RegisterQueries } from '../application/register-queries';
import { programmeDecider } from '../domain/programme.decider';
import type { ProgrammeState } from '../domain/programme.state';
import { page } from './paging';
import {
  AmendAllocationDto,
  ProgrammeListQueryDto,
  PublishProgrammeDto,
  RecordExpenditureDto,
  ResolveFlagDto,
} from './programme.dto';

const figures = (s: ProgrammeState) => ({
  allocationTiyn: s.allocationTiyn,
  spentTiyn: s.spentTiyn,
  openFlags: s.openFlags,
});

/** Budget programmes over HTTP: thin translation into commands and reads; rules live in the decider. */
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly operations: BudgetOperations,
    private readonly budgets: BudgetsService,
    private readonly queries: RegisterQueries,
    private readonly reads: StreamReads,
  ) {}

  @Roles('official')
  @Post()
  async publish(
    @Body() body: PublishProgrammeDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.operations.publishProgramme(randomUUID(), body, actor);
    res.status(201);
    return commandAnswer(res, result, figures(result.state));
  }

  @Roles('official')
  @Post(':id/amend')
  @HttpCode(200)
  async amend(
    @Param('id') id: string,
    @Body() body: AmendAllocationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.budgets.programme(id, 'AmendAllocation', body, actor, {
      expectedVersion: parseIfMatch(ifMatch),
    });
    return commandAnswer(res, result, figures(result.state));
  }

  @Roles('official')
  @Post(':id/expenditures')
  async spend(
    @Param('id') id: string,
    @Body() body: RecordExpenditureDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const expenditureId = randomUUID();
    const result = await this.operations.recordExpenditure(id, expenditureId, body, actor, parseIfMatch(ifMatch));
    res.status(201);
    return commandAnswer(res, result, { expenditureId, ...figures(result.state) });
  }

  @Roles('official', 'moderator')
  @Post(':id/resolve-flag')
  @HttpCode(200)
  async resolveFlag(
    @Param('id') id: string,
    @Body() body: ResolveFlagDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { reportId: body.reportId, outcome: body.outcome, note: body.note ?? '' };
    // Unless the caller names a thread, the resolution joins the flagging report's, so the citizen's thread reaches it.
    const result = await this.budgets.programme(id, 'ResolveFlag', data, actor, {
      expectedVersion: parseIfMatch(ifMatch),
      thread: flaggingReportThread(body.reportId),
    });
    return commandAnswer(res, result, figures(result.state));
  }

  @Public()
  @Get()
  list(@Query() query: ProgrammeListQueryDto) {
    return this.queries.programmes({
      institutionBin: query.institution,
      fiscalYear: query.year,
      purpose: query.purpose,
      flagged: query.flagged === undefined ? undefined : query.flagged === 'true',
      ...page(query),
    });
  }

  @Roles('official', 'auditor', 'moderator')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto) {
    await this.row(id);
    return this.reads.history('Programme', id, query);
  }

  /** The programme now from the register, or as it stood at ?asOf= (a version or an ISO time) from its events. */
  @Public()
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto, @Res({ passthrough: true }) res: Response) {
    const row = await this.row(id);
    if (query.asOf) {
      const loaded = await this.reads.state('Programme', programmeDecider, id, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { id, version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    res.setHeader('ETag', versionEtag(row.version));
    return row;
  }

  private async row(id: string) {
    const row = await this.queries.programme(id);
    if (!row) throw new NotFoundError('Programme', id);
    return row;
  }
}
