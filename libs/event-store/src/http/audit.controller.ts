import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/domain-kernel';
import { Roles } from '@app/platform';
import { StreamVerifier } from '../integrity/stream-verifier';
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

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_THREAD_PAGE)
  limit?: number;
}

/** What auditors need from every service: proof the log is intact, and one thread of events. */
@Controller('audit')
export class AuditController {
  constructor(
    private readonly verifier: StreamVerifier,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly reads: StreamReads,
  ) {}

  /** Any stream's events with their metadata, paged, whatever its type. */
  @Roles('auditor')
  @Get('streams/:streamId/history')
  history(@Param('streamId') streamId: string, @Query() query: HistoryQueryDto) {
    return this.reads.history('Stream', streamId, query);
  }

  /** Recomputes the hash chains (all, or one stream) and names the first altered, inserted or removed event. */
  @Roles('auditor')
  @Get('verify')
  async verify(@Query() query: VerifyQueryDto) {
    const report = query.streamId ? await this.verifier.verifyStream(query.streamId) : await this.verifier.verifyAll();
    return { schema: this.store.schema, checkedAt: new Date().toISOString(), ...report };
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
        return event;
      }),
    };
  }
}
