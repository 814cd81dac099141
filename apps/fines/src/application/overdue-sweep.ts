import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { JsonLogger, OVERDUE_SWEEP_ACTOR, PeriodicSweep, sweepThread } from '@app/platform';
import { fineAggregate } from './fine.aggregate';
import { FineQueries } from '../read-models/fine-board/fine-board.queries';
import { FINES_CONFIG, type FinesConfig } from './fines.config';
import { Clock, addCalendarDays, almatyDate } from '@app/domain-kernel';

/** Marks issued fines past their due date overdue, and sends overdue fines past the grace to enforcement (the decider decides). */
@Injectable()
export class OverdueSweep extends PeriodicSweep {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly queries: FineQueries,
    private readonly clock: Clock,
    logger: JsonLogger,
    @Inject(FINES_CONFIG) private readonly config: FinesConfig,
  ) {
    super(logger, config.overdueSweepMs, 'OverdueSweep');
  }

  /** Runs one sweep as of `now` (the clock by default). */
  async run(now: Date = this.clock.now()): Promise<{ overdue: string[]; sentToEnforcement: string[] }> {
    const each = sweepThread();
    const overdue = await each(await this.queries.overdueCandidates(almatyDate(now)), (fineId) =>
      this.commands.execute(fineAggregate, fineId, 'MarkOverdue', {}, OVERDUE_SWEEP_ACTOR, { at: now }),
    );
    const graceDays = this.config.enforcementGraceDays;
    const sentToEnforcement = await each(
      await this.queries.enforcementCandidates(addCalendarDays(almatyDate(now), -graceDays)),
      (fineId) =>
        this.commands.execute(fineAggregate, fineId, 'SendToEnforcement', { graceDays }, OVERDUE_SWEEP_ACTOR, {
          at: now,
        }),
    );
    return { overdue, sentToEnforcement };
  }
}
