import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CommandHandler, commandMetadata, type CommandResult } from '@app/event-store';
import { Clock, NotFoundError, ValidationFailedError, type Actor } from '@app/domain-kernel';
import { PersonalDataStore, type Principal } from '@app/platform';
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

/** What the personal-data record of a report is for. */
export const CONTACT_PURPOSE = 'reporter-contact';

/** Who files a report without a token: anonymous, but still an actor in the event metadata. */
export const ANONYMOUS_REPORTER: Actor = { id: 'anonymous', role: 'anonymous' };

/** Load, decide, append for reports; the HTTP and Kafka adapters only translate into these calls. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly personalData: PersonalDataStore,
  ) {}

  execute<T extends ReportCommand['type']>(
    reportId: string,
    type: T,
    data: Data<T>,
    actor: Principal | Actor,
    options: {
      expectedVersion?: number;
      manager?: EntityManager;
      alongside?: (manager: EntityManager) => Promise<void>;
    } = {},
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
      alongside: options.alongside,
    });
  }

  /**
   * The report and its reporter's contact commit together; the contact goes to the personal-data record of the
   * report's id, never into the event (so it can be erased with every hash chain intact).
   */
  submit(data: SubmitReport['data'], contact: ReporterContact | undefined, actor: Principal | Actor) {
    return this.execute(data.reportId, 'SubmitReport', data, actor, {
      expectedVersion: 0,
      alongside: contact
        ? (manager) => this.personalData.record(manager, data.reportId, CONTACT_PURPOSE, contact)
        : undefined,
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

  /** The reporter's contact as recorded (null when none was given, {} once erased). */
  async contact(reportId: string): Promise<ReporterContact | null> {
    const record = await this.personalData.find(reportId);
    return record ? (record.fields as ReporterContact) : null;
  }
}
