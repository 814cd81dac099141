import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, type CommandResult } from '@app/event-store';
import { Clock, NotFoundError, ValidationFailedError, type Actor } from '@app/domain-kernel';
import type { Principal } from '@app/platform';
import type { ReportCommand, SubmitReport } from '../domain/report.commands';
import { reportDecider } from '../domain/report.decider';
import type { ReportState } from '../domain/report.state';
import { REPORT_STREAM } from '../projections/report-board.projection';

type Data<T extends ReportCommand['type']> = Extract<ReportCommand, { type: T }>['data'];

export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** Who files a report without a token: anonymous, but still an actor in the event metadata. */
export const ANONYMOUS_REPORTER: Actor = { id: 'anonymous', role: 'anonymous' };

/** Load, decide, append for reports; the HTTP and Kafka adapters only translate into these calls. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  execute<T extends ReportCommand['type']>(
    reportId: string,
    type: T,
    data: Data<T>,
    actor: Principal | Actor,
    options: { expectedVersion?: number; manager?: EntityManager } = {},
  ): Promise<CommandResult<ReportState>> {
    const command = { type, data, metadata: commandMetadata(actor, this.clock.now()) } as ReportCommand;
    return this.handler.handle({
      decider: reportDecider,
      streamType: REPORT_STREAM,
      streamId: reportId,
      command,
      expectedVersion: options.expectedVersion,
      manager: options.manager,
      notFound: type === 'SubmitReport' ? undefined : 'Report',
      retryOnConflict: 3,
      // One report, raid, case or fine is one thread: later steps stay on it.
      continueStreamThread: true,
    });
  }

  /** The report and its reporter's contact commit together; the contact goes to its own table, never into the event. */
  submit(data: SubmitReport['data'], contact: ReporterContact | undefined, actor: Principal | Actor) {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.execute(data.reportId, 'SubmitReport', data, actor, { expectedVersion: 0, manager });
      if (contact) {
        await manager.query(`INSERT INTO reporter_contacts (report_id, name, phone, email) VALUES ($1, $2, $3, $4)`, [
          data.reportId,
          contact.name ?? null,
          contact.phone ?? null,
          contact.email ?? null,
        ]);
      }
      return result;
    });
  }

  async markDuplicate(
    reportId: string,
    body: { meetingDate: string; duplicateOf: string },
    actor: Principal,
    expectedVersion?: number,
  ) {
    await this.requireReport(reportId);
    if (!(await this.isReport(body.duplicateOf))) {
      throw new ValidationFailedError('duplicateOf', `Report ${body.duplicateOf} does not exist`);
    }
    return this.execute(reportId, 'MarkDuplicate', body, actor, { expectedVersion });
  }

  async requireReport(reportId: string): Promise<void> {
    if (!(await this.isReport(reportId))) throw new NotFoundError('Report', reportId);
  }

  private async isReport(streamId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM report_board WHERE report_id = $1`, [streamId]);
    return rows.length > 0;
  }

  async contact(reportId: string): Promise<ReporterContact | null> {
    const rows = await this.dataSource.query(`SELECT name, phone, email FROM reporter_contacts WHERE report_id = $1`, [
      reportId,
    ]);
    if (!rows[0]) return null;
    const { name, phone, email } = rows[0];
    return Object.fromEntries(Object.entries({ name, phone, email }).filter(([, v]) => v !== null));
  }
}
