import { Controller, Get, Inject, Query } from '@nestjs/common';
import { IsOptional, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { PageQueryDto, Roles, SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { OutboxQuarantine } from './outbox-quarantine';

class QuarantineQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  streamId?: string;
}

/** Operators and auditors see what the outbox set aside (quarantined, held) and why; releasing stays a CLI step. */
@Controller('ops/outbox/quarantine')
export class OutboxQuarantineController {
  private readonly quarantine: OutboxQuarantine;

  constructor(
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
    private readonly dataSource: DataSource,
  ) {
    this.quarantine = new OutboxQuarantine(definition.schema);
  }

  /** In the order a release publishes them, paged like every list (`page`, `limit` up to 200); `counts` count them all. */
  @Roles('operator', 'auditor')
  @Get()
  async list(@Query() query: QuarantineQueryDto) {
    const [counts, page] = await Promise.all([
      this.quarantine.counts(this.dataSource),
      this.quarantine.page(this.dataSource, {
        streamId: query.streamId,
        page: { page: query.page ?? 1, limit: query.limit ?? 50 },
      }),
    ]);
    return { counts, ...page };
  }
}
