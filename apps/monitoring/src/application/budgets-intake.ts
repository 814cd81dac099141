import { Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, ProgrammeFlagResolvedV1 } from '@app/contracts';
import { Inbox } from '@app/messaging';
import { ReportResolution } from './report-resolution';

/**
 * What budgets' events mean for reports, once per event in the inbox's transaction: a budget doubt forwarded to
 * budgets is resolved when budgets lifts the programme's flag, a corrected programme being the citizen's doubt fixed
 * and a confirmed or dismissed one ending without a fix, with budgets' note as the reason.
 */
@Injectable()
export class BudgetsIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly resolution: ReportResolution,
  ) {}

  async programmeFlagResolved(resolved: ProgrammeFlagResolvedV1, envelope: IntegrationEnvelope): Promise<void> {
    const outcome = resolved.outcome === 'corrected' ? 'fixed' : 'closed_without_fix';
    const data = { outcome, reason: `${resolved.outcome}: ${resolved.note}`, caseId: null, source: 'budgets' } as const;
    await this.inbox.once('monitoring.budgets', envelope, (manager) =>
      this.resolution.resolve([resolved.reportId], data, envelope.actor, manager),
    );
  }
}
