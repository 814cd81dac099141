import { Controller, Get, Inject, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PageQueryDto, Roles, SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { listParked } from './parked-messages.queries';

/** Operators see what this service's consumer has parked, and why (a predecessor, or a fact it waits for). */
@Controller('ops/parked')
export class ParkedController {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly dataSource: DataSource,
  ) {}

  /** Oldest first, paged like every list (`page`, `limit` up to 200); `total` and `byReason` count them all. */
  @Roles('operator', 'auditor')
  @Get()
  list(@Query() query: PageQueryDto) {
    return listParked(this.dataSource, this.definition.schema, { page: query.page ?? 1, limit: query.limit ?? 50 });
  }
}
