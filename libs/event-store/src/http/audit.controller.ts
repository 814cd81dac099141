import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/domain-kernel';
import { CurrentPrincipal, OptionalQueryInt, Roles, type Principal } from '@app/platform';
import { StreamVerifier, type VerificationReport } from '../integrity/stream-verifier';
import { VerificationJobs, type VerificationJob, type VerificationJobReport } from '../integrity/verification-jobs';
import { HistoryQueryDto } from './history-query.dto';
import { StreamReads } from './stream-reads';
import { EventStore } from '../store/event-store';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from '../store/recorded-event';

class VerifyQueryDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  streamId?: string;
}

/** The most events one page of a thread holds (and the default): a thread longer than that is read page by page. */
export const MAX_THREAD_PAGE = 1000;

class EventsByCorrelationQueryDto {
  @IsString()
  @Length(1, 128)
  correlationId: string;

  /** The `nextAfterPosition` of the previous page: events after this global position. */
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'afterPosition must be a global position (a whole number)' })
  afterPosition?: string;

  @OptionalQueryInt(1, MAX_THREAD_PAGE)
  limit?: number;
}

/** Where a verification job is answered for (the Location of a 202). */
export const verificationJobPath = (id: string) => `/audit/verify/jobs/${id}`;

/** GET /audit/verify's answer once a whole-log job has finished: its report, how stale it is, and any job running. */
export interface CachedVerification extends VerificationJobReport {
  /** The job whose report this is (GET /audit/verify/jobs/{id}). */
  jobId: string;
  /** Events appended after the position the job checked up to: what a new job would check besides. */
  eventsAppendedSince: number;
  /** A whole-log job running now, whose report will replace this one; null when none runs. */
  runningJobId: string | null;
}

/** What auditors need from every service: proof the log is intact, and one thread of events. */
@Controller('audit')
export class AuditController {
  constructor(
    private readonly verifier: StreamVerifier,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly reads: StreamReads,
    private readonly jobs: VerificationJobs,
  ) {}

  /** Any stream's events with their metadata, paged, whatever its type. */
  @Roles('auditor')
  @Get('streams/:streamId/history')
  history(@Param('streamId') streamId: string, @Query() query: HistoryQueryDto) {
    return this.reads.history('Stream', streamId, query);
  }

  /**
   * Starts recomputing the hash chains of the whole log as a background job (202, Location: the job), or answers
   * the one already running, here or in another instance (only one runs at a time). With `?streamId=` one stream is
   * verified within the request, being one record's history, and answered as a finished job, stored like the others.
   */
  @Roles('auditor')
  @Post('verify')
  @HttpCode(202)
  async startVerification(
    @Query() query: VerifyQueryDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerificationJob> {
    const job = query.streamId
      ? await this.jobs.verifyStream(query.streamId, actor.sub)
      : (await this.jobs.startLog(actor.sub)).job;
    res.setHeader('Location', verificationJobPath(job.id));
    return job;
  }

  /** A verification job: running (with its progress), succeeded (with its report) or failed (with why). */
  @Roles('auditor')
  @Get('verify/jobs/:id')
  verificationJob(@Param('id') id: string): Promise<VerificationJob> {
    return this.jobs.find(id);
  }

  /**
   * The latest finished whole-log verification (its report, when it checked, and how many events were appended
   * since), never a recomputation in the request; before any job has finished, starts one (or finds the one
   * running) and answers 202 pointing at it. `?streamId=` recomputes that one stream's chain now.
   */
  @Roles('auditor')
  @Get('verify')
  @ApiOkResponse({ description: 'The latest finished whole-log report, or (with streamId) the stream checked now.' })
  @ApiAcceptedResponse({ description: 'No whole-log verification has finished yet: the job now running (Location).' })
  async verify(
    @Query() query: VerifyQueryDto,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<(VerificationReport & { schema: string; checkedAt: string }) | CachedVerification | VerificationJob> {
    if (query.streamId) {
      const report = await this.verifier.verifyStream(query.streamId, { batchSize: 1000 });
      return { schema: this.store.schema, checkedAt: new Date().toISOString(), ...report };
    }
    const latest = await this.jobs.latestFinished();
    if (!latest?.job.report) {
      const { job } = await this.jobs.startLog(actor.sub);
      res.status(202);
      res.setHeader('Location', verificationJobPath(job.id));
      return job;
    }
    const running = await this.jobs.runningJob();
    return {
      ...latest.job.report,
      jobId: latest.job.id,
      eventsAppendedSince: latest.eventsAppendedSince,
      runningJobId: running?.id ?? null,
    };
  }

  /**
   * The events of this service carrying a correlation id, in log order, a page at a time: `nextAfterPosition` is
   * there while more may follow, to pass as `afterPosition`.
   */
  @Roles('auditor')
  @Get('events')
  async events(@Query() query: EventsByCorrelationQueryDto) {
    if (!query.correlationId) throw new ValidationFailedError('correlationId', 'correlationId is required');
    const limit = query.limit ?? MAX_THREAD_PAGE;
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM "${this.store.schema}".events
        WHERE metadata->>'correlationId' = $1 AND global_position > $2::bigint
        ORDER BY global_position LIMIT ${limit}`,
      [query.correlationId, query.afterPosition ?? '0'],
    );
    const last = rows.length === limit ? rows[rows.length - 1] : undefined;
    return {
      correlationId: query.correlationId,
      ...(last ? { nextAfterPosition: String(last.global_position) } : {}),
      events: rows.map((row) => {
        const { transactionId: _, ...event } = this.store.upcast(toRecordedEvent(row));
        return this.reads.forReader(event);
      }),
    };
  }
}
