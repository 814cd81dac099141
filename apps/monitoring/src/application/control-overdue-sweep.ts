import { Inject, Injectable } from '@nestjs/common';
import { almatyDate, Clock } from '@app/domain-kernel';
import { AggregateCommands } from '@app/event-store';
import { JsonLogger, OVERDUE_SWEEP_ACTOR, PeriodicSweep, sweepThread } from '@app/platform';
import { ControlDocumentQueries } from '../read-models/control-documents/control-documents.queries';
import { controlDocumentAggregate } from './control-document.aggregate';
import { PUBLIC_CONTROL_CONFIG, type PublicControlConfig } from './public-control.config';

/**
 * Marks final documents unsent past their sending deadline, and recommendations unanswered past their reply deadline,
 * overdue (once each: the decider says nothing the second time).
 */
@Injectable()
export class ControlOverdueSweep extends PeriodicSweep {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly queries: ControlDocumentQueries,
    private readonly clock: Clock,
    logger: JsonLogger,
    @Inject(PUBLIC_CONTROL_CONFIG) config: PublicControlConfig,
  ) {
    super(logger, config.overdueSweepMs, 'ControlOverdueSweep');
  }

  /** Runs one sweep as of `now` (the clock by default); returns the documents it marked. */
  async run(now: Date = this.clock.now()): Promise<{ overdue: string[] }> {
    const overdue = await sweepThread()(await this.queries.overdueCandidates(almatyDate(now)), (documentId) =>
      this.commands.execute(controlDocumentAggregate, documentId, 'MarkOverdue', {}, OVERDUE_SWEEP_ACTOR, { at: now }),
    );
    return { overdue };
  }
}
