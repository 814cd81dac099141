import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
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
import { CurrentPrincipal, PageQueryDto, Public, Roles, type Principal } from '@app/platform';
import { ReportQueries } from '../application/report-queries';
import { ANONYMOUS_REPORTER, ReportsService } from '../application/reports.service';
import { reportDecider } from '../domain/report.decider';
import {
  AcceptReportDto,
  MarkDuplicateDto,
  RejectReportDto,
  ReopenReportDto,
  ReportListQueryDto,
  SubmitReportDto,
} from './report.dto';
import { ReportFilerGuard } from './report-filer.guard';
import { SUBMIT_REPORT_EXAMPLES } from './submit-report.examples';

type Result = CommandResult<{ status: string }>;

const answer = (response: Response, result: Result) => commandAnswer(response, result, { status: result.state.status });

const isModerator = (actor: Principal) => actor.roles.includes('moderator');
const seesAll = (actor: Principal) => actor.roles.some((r) => r === 'moderator' || r === 'auditor');

/** Citizens' reports over HTTP: thin translation into commands and reads; rules live in the decider. */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly queries: ReportQueries,
    private readonly reads: StreamReads,
  ) {}

  /** A citizen files with a token; anyone may file without one, within the per-client allowance. */
  @Public()
  @UseGuards(ReportFilerGuard)
  @Post()
  // The kind decides which part a report carries (road or budget, never both), a rule the generated example cannot see.
  @ApiBody({ type: SubmitReportDto, examples: SUBMIT_REPORT_EXAMPLES })
  async submit(
    @Body() body: SubmitReportDto,
    @CurrentPrincipal() actor: Principal | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const reportId = randomUUID();
    const { contact, road, budget, kind, description } = body;
    const result = await this.reports.submit(
      {
        reportId,
        kind,
        reporterId: actor?.sub ?? null,
        hasContact: contact !== undefined,
        description: description ?? '',
        ...(road
          ? {
              road: {
                ...road,
                location: { lat: road.location.lat, lon: road.location.lon },
                photos: road.photos ?? [],
              },
            }
          : {}),
        ...(budget ? { budget: { ...budget } } : {}),
      },
      contact,
      actor ?? ANONYMOUS_REPORTER,
    );
    res.status(201);
    return answer(res, result);
  }

  @Public()
  @Get('stats')
  stats() {
    return this.queries.stats();
  }

  /** A citizen's own reports, with the road case once one answers them. */
  @Roles('citizen')
  @Get('mine')
  mine(@CurrentPrincipal() actor: Principal, @Query() query: PageQueryDto) {
    return this.queries.ofReporter(actor.sub, { page: query.page ?? 1, limit: query.limit ?? 50 });
  }

  @Roles('moderator', 'auditor')
  @Get()
  list(@Query() query: ReportListQueryDto) {
    return this.queries.list({
      kind: query.kind,
      status: query.status,
      district: query.district,
      page: query.page ?? 1,
      limit: query.limit ?? 50,
    });
  }

  @Roles('moderator')
  @Post(':id/start-review')
  @HttpCode(200)
  async startReview(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.reports.execute(id, 'StartReview', {}, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('moderator')
  @Post(':id/accept')
  @HttpCode(200)
  async accept(
    @Param('id') id: string,
    @Body() body: AcceptReportDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.reports.execute(id, 'AcceptReport', { meetingDate: body.meetingDate }, actor, {
        expectedVersion: parseIfMatch(ifMatch),
      }),
    );
  }

  @Roles('moderator')
  @Post(':id/reject')
  @HttpCode(200)
  async reject(
    @Param('id') id: string,
    @Body() body: RejectReportDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = { meetingDate: body.meetingDate, reason: body.reason };
    return answer(
      res,
      await this.reports.execute(id, 'RejectReport', data, actor, { expectedVersion: parseIfMatch(ifMatch) }),
    );
  }

  @Roles('moderator')
  @Post(':id/mark-duplicate')
  @HttpCode(200)
  async markDuplicate(
    @Param('id') id: string,
    @Body() body: MarkDuplicateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return answer(
      res,
      await this.reports.markDuplicate(
        id,
        { meetingDate: body.meetingDate, duplicateOf: body.duplicateOf },
        actor,
        parseIfMatch(ifMatch),
      ),
    );
  }

  /** The decider lets the reporter or a moderator reopen; any other citizen gets 403. */
  @Roles('moderator', 'citizen')
  @Post(':id/reopen')
  @HttpCode(200)
  async reopen(
    @Param('id') id: string,
    @Body() body: ReopenReportDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const as = isModerator(actor) ? { id: actor.sub, role: 'moderator' } : actor;
    return answer(
      res,
      await this.reports.execute(id, 'ReopenReport', { reason: body.reason }, as, {
        expectedVersion: parseIfMatch(ifMatch),
      }),
    );
  }

  @Roles('moderator', 'auditor', 'citizen')
  @Get(':id/history')
  async history(@Param('id') id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() actor: Principal) {
    await this.guardReporter(id, actor);
    return this.reads.history('Report', id, query);
  }

  /** The report now (with the contact for moderators only), or as it stood at ?asOf= from its events. */
  @Roles('moderator', 'auditor', 'citizen')
  @Get(':id')
  async one(
    @Param('id') id: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = await this.guardReporter(id, actor);
    if (query.asOf) {
      const loaded = await this.reads.state('Report', reportDecider, id, query.asOf);
      res.setHeader('ETag', versionEtag(loaded.version));
      return { id, version: loaded.version, asOf: query.asOf, asOfRecordedAt: loaded.asOfRecordedAt, ...loaded.state };
    }
    res.setHeader('ETag', versionEtag(row.version));
    return isModerator(actor) ? { ...row, contact: await this.reports.contact(id) } : row;
  }

  private async guardReporter(id: string, actor: Principal) {
    const row = await this.queries.one(id);
    if (!row) throw new NotFoundError('Report', id);
    if (!seesAll(actor) && row.reporterId !== actor.sub)
      throw new ForbiddenError('A citizen sees only their own reports');
    return row;
  }
}
