import { Injectable } from '@nestjs/common';
import { type HistoryQueryDto, StreamReads } from '@app/event-store';
import { PersonalDataStore, type Principal } from '@app/platform';
import { ForbiddenError, mustExist } from '@app/domain-kernel';
import { linkedPhotoEvidence } from '@app/photo-evidence';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { reportAggregate } from './report.aggregate';
import type { ReporterContact } from './report-contact';

const seesAll = (actor: Principal) => actor.roles.some((r) => r === 'moderator' || r === 'auditor');

/** Reading one report: moderators and auditors see every report, a citizen only their own (403 for another's). */
@Injectable()
export class ReadReport {
  constructor(
    private readonly queries: ReportQueries,
    private readonly reads: StreamReads,
    private readonly personalData: PersonalDataStore,
  ) {}

  /** The report now, as the board holds it. */
  async now(id: string, actor: Principal) {
    const row = mustExist(await this.queries.one(id), 'Report', id);
    if (!seesAll(actor) && row.reporterId !== actor.sub)
      throw new ForbiddenError('A citizen sees only their own reports');
    if (!('photoEvidence' in row.details) || !row.details.photoEvidence) return row;
    // Each photo with where it is served: the board keeps the event's evidence, the URL is this service's.
    return { ...row, details: { ...row.details, photoEvidence: linkedPhotoEvidence(row.details.photoEvidence) } };
  }

  /** The reporter's contact as recorded (null when none was given, {} once erased). */
  async contact(reportId: string): Promise<ReporterContact | null> {
    const record = await this.personalData.find(reportId);
    return record ? (record.fields as ReporterContact) : null;
  }

  /** The report as it stood at ?asOf= (a version or a moment), from its events. */
  async asOf(id: string, actor: Principal, asOf: string) {
    await this.now(id, actor);
    return this.reads.asOf(reportAggregate, id, asOf);
  }

  async history(id: string, actor: Principal, query: HistoryQueryDto) {
    await this.now(id, actor);
    return this.reads.history(reportAggregate, id, query);
  }
}
