import { Controller, Get, Query } from '@nestjs/common';
import { Roles, pageOf } from '@app/platform';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { AgendaQueryDto } from './report.dto';

/** The weekly club of officials and activists that reviews citizens' reports. */
@Controller('club')
export class ClubController {
  constructor(private readonly queries: ReportQueries) {}

  @Roles('moderator')
  @Get('agenda')
  agenda(@Query() query: AgendaQueryDto) {
    return this.queries.agenda(query.week, pageOf(query));
  }
}
