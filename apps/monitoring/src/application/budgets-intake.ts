import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProgrammeFlagResolvedV1 } from '@app/contracts';
import type { Actor } from '@app/domain-kernel';
import { ReportResolution } from './report-resolution';

/**
 * What budgets' events mean for reports, in the consumer's inbox transaction: a budget doubt forwarded to budgets is
 * resolved when budgets lifts the programme's flag, a corrected programme being the citizen's doubt fixed and a
 * confirmed or dismissed one ending without a fix, with budgets' note as the reason.
 */
@Injectable()
export class BudgetsIntake {
  constructor(private readonly resolution: ReportResolution) {}

  programmeFlagResolved(resolved: ProgrammeFlagResolvedV1, actor: Actor, manager: EntityManager): Promise<void> {
    const outcome = resolved.outcome === 'corrected' ? 'fixed' : 'closed_without_fix';
    return this.resolution.resolve(
      [resolved.reportId],
      { outcome, reason: `${resolved.outcome}: ${resolved.note}`, caseId: null, source: 'budgets' },
      actor,
      manager,
    );
  }
}
