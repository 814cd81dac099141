import { Inject, Injectable } from '@nestjs/common';
import { addCalendarDays, almatyDate, Clock } from '@app/domain-kernel';
import { JsonLogger, PeriodicSweep, sweepThread } from '@app/platform';
import { FineQueries } from './fine-queries';
import { FINES_CONFIG, type FinesConfig } from './fines.config';
import { FinesService } from './fines.service';

const SCHEDULER = { id: 'overdue-sweep', role: 'operator' };

/** Marks issued fines past their due date overdue, and sends overdue fines past the grace to enforcement (the decider decides). */
@Injectable()
export class OverdueSweep extends PeriodicSweep {
  constructor(
    private readonly fines: FinesService,
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
      this.fines.execute(fineId, 'MarkOverdue', {}, SCHEDULER, { at: now }),
    );
    const graceDays = this.config.enforcementGraceDays;
    const sentToEnforcement = await each(
      await this.queries.enforcementCandidates(addCalendarDays(almatyDate(now), -graceDays)),
      (fineId) => this.fines.execute(fineId, 'SendToEnforcement', { graceDays }, SCHEDULER, { at: now }),
    );
    return { overdue, sentToEnforcement };
  }
}
