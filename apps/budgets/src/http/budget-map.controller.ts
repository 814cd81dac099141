import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ValidationFailedError } from '@app/domain-kernel';
import { Public, TextAnswer } from '@app/platform';
import { BudgetMapQueries } from '../application/budget-map.queries';
import { RegisterExportQueries } from '../application/register-export.queries';
import { MapQueryDto } from './read-query.dto';

/** Public, no token: the budget map of a year and the register's export as CSV or as a Fiscal Data Package. */
@Controller()
export class BudgetMapController {
  constructor(
    private readonly map: BudgetMapQueries,
    private readonly exports: RegisterExportQueries,
  ) {}

  @Public()
  @Get('map')
  budgetMap(@Query() query: MapQueryDto) {
    return this.map.map(query.fiscalYear);
  }

  /** GET /exports/2026.csv or /exports/2026.json. */
  @Public()
  @Get('exports/:file')
  @TextAnswer('text/csv')
  async export(@Param('file') file: string, @Res({ passthrough: true }) res: Response) {
    const match = /^(\d{4})\.(csv|json)$/.exec(file);
    if (!match) throw new ValidationFailedError('year', 'the export is /exports/{year}.csv or /exports/{year}.json');
    const year = Number(match[1]);
    if (match[2] === 'json') return this.exports.dataPackage(year);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="budget-register-${year}.csv"`);
    return this.exports.csv(year);
  }
}
