import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ProgrammeFlagResolvedV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { ConsumeEvent, Inbox } from '@app/messaging';
import { ReportResolution } from '../application/report-resolution';

/**
 * A budget doubt forwarded to budgets is resolved when budgets lifts the programme's flag: a corrected programme
 * is the citizen's doubt fixed; a confirmed or dismissed one ends without a fix, with budgets' note as the reason.
 */
@Controller()
export class BudgetsEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly resolution: ReportResolution,
  ) {}

  @ConsumeEvent('ProgrammeFlagResolved')
  async onProgrammeFlagResolved(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const resolved = validateContract(ProgrammeFlagResolvedV1, envelope.payload);
    const outcome = resolved.outcome === 'corrected' ? 'fixed' : 'closed_without_fix';
    await this.inbox.once('monitoring.budgets', envelope, (manager) =>
      this.resolution.resolve(
        [resolved.reportId],
        { outcome, reason: `${resolved.outcome}: ${resolved.note}`, caseId: null, source: 'budgets' },
        envelope.actor,
        manager,
      ),
    );
  }
}
