import { Controller, Get, Param, Query } from '@nestjs/common';
import { ValidationFailedError } from '@app/domain-kernel';
import { Public, streamedBody, TextAnswer, type StreamedBody } from '@app/platform';
import { BudgetMapQueries } from '../read-models/register/budget-map.queries';
import { RegisterExportQueries, type RegisterDataPackage } from '../read-models/register/register-export.queries';
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

  /** GET /exports/2026.csv or /exports/2026.json, streamed from the register a page at a time. */
  @Public()
  @Get('exports/:file')
  @TextAnswer('text/csv')
  async export(@Param('file') file: string): Promise<StreamedBody<string> | StreamedBody<RegisterDataPackage>> {
    const match = /^(\d{4})\.(csv|json)$/.exec(file);
    if (!match) throw new ValidationFailedError('year', 'the export is /exports/{year}.csv or /exports/{year}.json');
    const year = Number(match[1]);
    if (match[2] === 'json')
      return streamedBody<RegisterDataPackage>(this.exports.json(year), { type: 'application/json; charset=utf-8' });
    return streamedBody<string>(this.exports.csv(year), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="budget-register-${year}.csv"`,
    });
  }
}
