import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ReportForwardedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { BudgetIntake } from '../application/budget-intake';

/** Budget-execution reports the club forwarded flag the programme they doubt until an official or moderator resolves it. */
@Controller()
export class MonitoringEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly intake: BudgetIntake,
  ) {}

  @ConsumeEvent('ReportForwarded')
  async onReportForwarded(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const report = validateContract(ReportForwardedV1, envelope.payload);
    if (report.kind !== 'budget_execution') return; // road defects go to road-cases
    await this.inbox.once('budgets.monitoring', envelope, (manager) =>
      this.intake.reportForwarded(
        {
          reportId: report.reportId,
          institutionBin: report.institutionBin!,
          programmeCode: report.programmeCode!,
          fiscalYear: report.fiscalYear,
          doubt: report.doubt!,
          amountInQuestionTiyn: report.amountInQuestionTiyn,
        },
        envelope.actor,
        manager,
      ),
    );
  }
}
