import { Controller, Get, Param } from '@nestjs/common';
import { ValidationFailedError } from '@app/domain-kernel';
import { Roles } from '@app/platform';
import { CaseQueries } from '../read-models/case-board/case-board.queries';

@Controller('contractors')
export class ContractorsController {
  constructor(private readonly queries: CaseQueries) {}

  /** Cases assigned, under warranty, rework and on-time rates, median days to repair. */
  @Roles('official', 'auditor')
  @Get(':bin/quality')
  quality(@Param('bin') bin: string) {
    if (!/^\d{12}$/.test(bin)) throw new ValidationFailedError('bin', 'bin must be a 12-digit BIN');
    return this.queries.contractorQuality(bin);
  }
}
