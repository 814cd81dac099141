import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/domain-kernel';
import { Roles, SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { OutboxQuarantine } from './outbox-quarantine';

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

  @Roles('operator', 'auditor')
  @Get()
  async list(@Query('streamId') streamId?: string) {
    if (streamId !== undefined && (streamId.length === 0 || streamId.length > 200)) {
      throw new ValidationFailedError('streamId', 'streamId must be 1 to 200 characters');
    }
    const [counts, items] = await Promise.all([
      this.quarantine.counts(this.dataSource),
      this.quarantine.list(this.dataSource, streamId),
    ]);
    return { counts, items };
  }
}
