import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AggregateCommands } from '@app/event-store';
import { PersonalDataStore, type Principal } from '@app/platform';
import type { SubmitReport } from '../domain/report.commands';
import { reportAggregate } from './report.aggregate';
import { type Actor, NotFoundError, ValidationFailedError } from '@app/domain-kernel';

export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** What the personal-data record of a report is for. */
export const CONTACT_PURPOSE = 'reporter-contact';

/** Who files a report without a token: anonymous, but still an actor in the event metadata. */
export const ANONYMOUS_REPORTER: Actor = { id: 'anonymous', role: 'anonymous' };

/**
 * The steps on a report that need more than the request: the reporter's contact kept beside it, a duplicate that
 * must name a report. Every other command goes straight to AggregateCommands.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataStore,
  ) {}

  /**
   * The report and its reporter's contact commit together; the contact goes to the personal-data record of the
   * report's id, never into the event (so it can be erased with every hash chain intact).
   */
  submit(data: SubmitReport['data'], contact: ReporterContact | undefined, actor: Principal | Actor) {
    return this.commands.execute(reportAggregate, data.reportId, 'SubmitReport', data, actor, {
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
    return this.commands.execute(reportAggregate, reportId, 'MarkDuplicate', body, actor, { expectedVersion });
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
