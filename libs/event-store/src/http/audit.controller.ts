import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { IsOptional, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles, ValidationFailedError } from '@app/platform';
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

class EventsByCorrelationQueryDto {
  @IsString()
  @Length(1, 128)
  correlationId: string;
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

  /** Every event of this service carrying a correlation id, in log order. */
  @Roles('auditor')
  @Get('events')
  async events(@Query() query: EventsByCorrelationQueryDto) {
    if (!query.correlationId) throw new ValidationFailedError('correlationId', 'correlationId is required');
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM "${this.store.schema}".events WHERE metadata->>'correlationId' = $1
        ORDER BY global_position LIMIT 10000`,
      [query.correlationId],
    );
    return {
      correlationId: query.correlationId,
      events: rows.map((row) => {
        const { transactionId: _, ...event } = this.store.upcast(toRecordedEvent(row));
        return event;
      }),
    };
  }
}
