import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IntegrationEnvelope, ReportForwardedV1 } from '@app/contracts';
import { AggregateCommands } from '@app/event-store';
import { Inbox } from '@app/messaging';
import { mustExist, type Actor } from '@app/domain-kernel';
import { RegisterQueries } from '../../read-models/register/register.queries';
import { programmeAggregate } from '../programme.aggregate';

/** What monitoring's events do to the register: forwarded budget-execution reports flag programmes. */
@Injectable()
export class MonitoringIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: AggregateCommands,
    private readonly register: RegisterQueries,
  ) {}

  /** Once per event, in the inbox's transaction; a road defect is road-cases' business, and not even noted here. */
  async reportForwarded(report: ReportForwardedV1, envelope: IntegrationEnvelope): Promise<void> {
    if (report.kind !== 'budget_execution') return;
    await this.inbox.once('budgets.monitoring', envelope, (manager) => this.flag(report, envelope.actor, manager));
  }

  /**
   * The report flags the programme it doubts (the latest year when it names none) until an official or moderator
   * resolves it.
   */
  private async flag(report: ReportForwardedV1, actor: Actor, manager: EntityManager): Promise<void> {
    const institutionBin = report.institutionBin!;
    const programmeCode = report.programmeCode!;
    const programmes = await this.register.programmesByCode(institutionBin, programmeCode, manager);
    const programme = mustExist(
      programmes.find((p) => report.fiscalYear === undefined || p.fiscalYear === report.fiscalYear),
      'Programme',
      `${programmeCode} of ${institutionBin}${report.fiscalYear ? ` (${report.fiscalYear})` : ''}`,
    );
    await this.commands.execute(
      programmeAggregate,
      programme.id,
      'FlagProgramme',
      { reportId: report.reportId, doubt: report.doubt!, amountInQuestionTiyn: report.amountInQuestionTiyn ?? null },
      actor,
      { manager },
    );
  }
}
