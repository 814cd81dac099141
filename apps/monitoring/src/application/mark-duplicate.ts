import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import type { Principal } from '@app/platform';
import { mustExist, ValidationFailedError } from '@app/domain-kernel';
import type { MarkDuplicate } from '../domain/report.commands';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { reportAggregate } from './report.aggregate';

/** Marking a report a duplicate: a rule over two reports, so the report it duplicates must be one. */
@Injectable()
export class MarkReportDuplicate {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly reports: ReportQueries,
  ) {}

  async execute(reportId: string, data: MarkDuplicate['data'], actor: Principal, expectedVersion?: number) {
    mustExist(await this.reports.one(reportId), 'Report', reportId);
    if (!(await this.reports.exists(data.duplicateOf))) {
      throw new ValidationFailedError('duplicateOf', `Report ${data.duplicateOf} does not exist`);
    }
    return this.commands.execute(reportAggregate, reportId, 'MarkDuplicate', data, actor, { expectedVersion });
  }
}
