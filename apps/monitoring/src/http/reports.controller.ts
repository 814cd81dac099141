import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AggregateCommands, AsOfQueryDto, Caller, HistoryQueryDto, statusAnswer, versioned } from '@app/event-store';
import {
  CommandRoute,
  CurrentPrincipal,
  PageQueryDto,
  Public,
  Roles,
  type Principal,
  filteredPageOf,
  pageOf,
} from '@app/platform';
import { ValidationFailedError } from '@app/domain-kernel';
import { AcceptsPhotos, photoEvidence, PhotoUploads, type StrippedPhoto } from '@app/photo-evidence';
import { MarkReportDuplicate } from '../application/mark-duplicate';
import { ReadReport } from '../application/read-report';
import { reportAggregate } from '../application/report.aggregate';
import { ANONYMOUS_REPORTER, SubmitReportWithContact } from '../application/submit-report';
import { DEFAULT_REPORT_LANGUAGE } from '../domain/report-language';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
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
import { ControlScoreboardQueries } from '../read-models/control-documents/control-scoreboard.queries';

const isModerator = (actor: Principal) => actor.roles.includes('moderator');

/**
 * Citizens' reports over HTTP: thin translation into commands and reads; rules live in the decider, and those over
 * other records in their use case (marking a duplicate, reading a report).
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly submitReport: SubmitReportWithContact,
    private readonly markDuplicates: MarkReportDuplicate,
    private readonly read: ReadReport,
    private readonly queries: ReportQueries,
    private readonly scoreboard: ControlScoreboardQueries,
  ) {}

  /** A citizen files with a token; anyone may file without one, within the per-client allowance. */
  @Public()
  // After the filer's allowance is checked (the guard below runs first): a refused flood decodes no photo.
  @AcceptsPhotos()
  @UseGuards(ReportFilerGuard)
  @Post()
  // The kind decides which part a report carries (road or budget, never both), a rule the generated example cannot see.
  @ApiBody({ type: SubmitReportDto, examples: SUBMIT_REPORT_EXAMPLES })
  async submit(
    @Body() body: SubmitReportDto,
    @CurrentPrincipal() actor: Principal | undefined,
    @PhotoUploads() photos: StrippedPhoto[],
  ) {
    const reportId = randomUUID();
    const { contact, road, budget, kind, description, language } = body;
    if (photos.length > 0 && !road)
      throw new ValidationFailedError(
        'photos',
        'photos are evidence of a road defect: a budget_execution report takes none',
      );
    const result = await this.submitReport.execute(
      {
        reportId,
        kind,
        reporterId: actor?.sub ?? null,
        hasContact: contact !== undefined,
        language: language ?? DEFAULT_REPORT_LANGUAGE,
        description: description ?? '',
        ...(road
          ? {
              road: {
                ...road,
                location: { lat: road.location.lat, lon: road.location.lon },
                photos: road.photos ?? [],
                ...(photos.length > 0 ? { photoEvidence: photoEvidence(photos) } : {}),
              },
            }
          : {}),
        ...(budget ? { budget: { ...budget } } : {}),
      },
      contact,
      actor ?? ANONYMOUS_REPORTER,
      photos,
    );
    return statusAnswer(result);
  }

  /** The reports' figures, and the public scoreboard of how institutions answered the club's final documents. */
  @Public()
  @Get('stats')
  async stats() {
    const [reports, publicControl] = await Promise.all([this.queries.stats(), this.scoreboard.scoreboard()]);
    return { ...reports, publicControl };
  }

  /** A citizen's own reports, with the road case once one answers them. */
  @Roles('citizen')
  @Get('mine')
  mine(@CurrentPrincipal() actor: Principal, @Query() query: PageQueryDto) {
    return this.queries.ofReporter(actor.sub, pageOf(query));
  }

  @Roles('moderator', 'auditor')
  @Get()
  list(@Query() query: ReportListQueryDto) {
    return this.queries.list(filteredPageOf(query, 'kind', 'status', 'district'));
  }

  @CommandRoute('moderator', 200, ':id/start-review')
  async startReview(@Param('id') id: string, @Caller() { actor, expectedVersion }: Caller) {
    return statusAnswer(
      await this.commands.execute(reportAggregate, id, 'StartReview', {}, actor, { expectedVersion }),
    );
  }

  @CommandRoute('moderator', 200, ':id/accept')
  async accept(@Param('id') id: string, @Body() body: AcceptReportDto, @Caller() { actor, expectedVersion }: Caller) {
    const data = { meetingDate: body.meetingDate };
    return statusAnswer(
      await this.commands.execute(reportAggregate, id, 'AcceptReport', data, actor, { expectedVersion }),
    );
  }

  @CommandRoute('moderator', 200, ':id/reject')
  async reject(@Param('id') id: string, @Body() body: RejectReportDto, @Caller() { actor, expectedVersion }: Caller) {
    const data = { meetingDate: body.meetingDate, reason: body.reason };
    return statusAnswer(
      await this.commands.execute(reportAggregate, id, 'RejectReport', data, actor, { expectedVersion }),
    );
  }

  @CommandRoute('moderator', 200, ':id/mark-duplicate')
  async markDuplicate(
    @Param('id') id: string,
    @Body() body: MarkDuplicateDto,
    @Caller() { actor, expectedVersion }: Caller,
  ) {
    const data = { meetingDate: body.meetingDate, duplicateOf: body.duplicateOf };
    return statusAnswer(await this.markDuplicates.execute(id, data, actor, expectedVersion));
  }

  /** The decider lets the reporter or a moderator reopen; any other citizen gets 403. */
  @CommandRoute(['moderator', 'citizen'], 200, ':id/reopen')
  async reopen(@Param('id') id: string, @Body() body: ReopenReportDto, @Caller() { actor, expectedVersion }: Caller) {
    const as = isModerator(actor) ? { id: actor.sub, role: 'moderator' } : actor;
    const data = { reason: body.reason };
    return statusAnswer(
      await this.commands.execute(reportAggregate, id, 'ReopenReport', data, as, { expectedVersion }),
    );
  }

  @Roles('moderator', 'auditor', 'citizen')
  @Get(':id/history')
  history(@Param('id') id: string, @Query() query: HistoryQueryDto, @CurrentPrincipal() actor: Principal) {
    return this.read.history(id, actor, query);
  }

  /** The report now (with the contact for moderators only), or as it stood at ?asOf= from its events. */
  @Roles('moderator', 'auditor', 'citizen')
  @Get(':id')
  async one(@Param('id') id: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() actor: Principal) {
    if (query.asOf) return this.read.asOf(id, actor, query.asOf);
    const answer = versioned(await this.read.now(id, actor));
    return isModerator(actor) ? { ...answer, contact: await this.read.contact(id) } : answer;
  }
}
