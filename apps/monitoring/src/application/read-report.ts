import { Injectable } from '@nestjs/common';
import { type HistoryQueryDto, StreamReads } from '@app/event-store';
import type { Principal } from '@app/platform';
import { ForbiddenError, mustExist } from '@app/domain-kernel';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { reportAggregate } from './report.aggregate';
import { ReportsService } from './reports.service';

export const isModerator = (actor: Principal) => actor.roles.includes('moderator');
const seesAll = (actor: Principal) => actor.roles.some((r) => r === 'moderator' || r === 'auditor');

/**
 * Reading one report: moderators and auditors see every report, a citizen only their own (403 for another's, 404
 * for none), and only a moderator its reporter's contact.
 */
@Injectable()
export class ReadReport {
  constructor(
    private readonly queries: ReportQueries,
    private readonly reads: StreamReads,
    private readonly reports: ReportsService,
  ) {}

  /** The report now, with the contact for moderators only. */
  async now(id: string, actor: Principal) {
    const row = await this.visible(id, actor);
    return isModerator(actor) ? { ...row, contact: await this.reports.contact(id) } : row;
  }

  /** The report as it stood at ?asOf= (a version or a moment), from its events. */
  async asOf(id: string, actor: Principal, asOf: string) {
    await this.visible(id, actor);
    return this.reads.asOf(reportAggregate, id, asOf);
  }

  async history(id: string, actor: Principal, query: HistoryQueryDto) {
    await this.visible(id, actor);
    return this.reads.history(reportAggregate, id, query);
  }

  private async visible(id: string, actor: Principal) {
    const row = mustExist(await this.queries.one(id), 'Report', id);
    if (!seesAll(actor) && row.reporterId !== actor.sub)
      throw new ForbiddenError('A citizen sees only their own reports');
    return row;
  }
}
