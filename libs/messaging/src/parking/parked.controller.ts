import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/domain-kernel';
import { Roles, SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { listParked } from './parked-messages.queries';

/** Operators see what this service's consumer has parked, and why (a predecessor, or a fact it waits for). */
@Controller('ops/parked')
export class ParkedController {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly dataSource: DataSource,
  ) {}

  @Roles('operator', 'auditor')
  @Get()
  async list(@Query('limit') limit?: string) {
    const n = limit === undefined ? 200 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new ValidationFailedError('limit', 'limit must be an integer from 1 to 1000');
    return listParked(this.dataSource, this.definition.schema, n);
  }
}
