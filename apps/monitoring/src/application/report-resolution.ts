import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { JsonLogger } from '@app/platform';
import type { ResolveReport } from '../domain/report.commands';
import { IllegalReportTransitionError } from '../domain/report.errors';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { reportAggregate } from './report.aggregate';
import { type Actor } from '@app/domain-kernel';

/**
 * A fact another service reports (a case linked, a case or a flag resolved) applied to the reports it names, in the
 * consumer's inbox transaction; the intake of each service says which fact it is. Ids that are not reports
 * (a raid's defect ids) are skipped; so is a report whose status no longer takes the step (reopened meanwhile):
 * the message is a fact about the case, not a command the report must obey.
 */
@Injectable()
export class ReportResolution {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly reports: ReportQueries,
    private readonly logger: JsonLogger,
  ) {}

  async linkCase(reportIds: string[], caseId: string, actor: Actor, manager: EntityManager): Promise<void> {
    await this.each(reportIds, manager, (id) =>
      this.commands.execute(reportAggregate, id, 'LinkCase', { caseId }, actor, { manager }),
    );
  }

  async resolve(reportIds: string[], data: ResolveReport['data'], actor: Actor, manager: EntityManager): Promise<void> {
    await this.each(reportIds, manager, (id) =>
      this.commands.execute(reportAggregate, id, 'ResolveReport', data, actor, { manager }),
    );
  }

  private async each(
    reportIds: string[],
    manager: EntityManager,
    step: (id: string) => Promise<unknown>,
  ): Promise<void> {
    const ids = [...new Set(reportIds)];
    if (ids.length === 0) return;
    const known = await this.reports.known(ids, manager);
    for (const id of ids.filter((i) => known.has(i))) {
      try {
        await step(id);
      } catch (error) {
        if (!(error instanceof IllegalReportTransitionError)) throw error;
        this.logger.warn(`report ${id}: ${error.message}; skipped`, 'ReportResolution');
      }
    }
  }
}
