import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JsonLogger, requestContext } from '@app/platform';
import { addCalendarDays, almatyDate } from '../domain/working-days';
import { Clock } from '@app/platform';
import { FineQueries } from './fine-queries';
import { FINES_CONFIG, type FinesConfig } from './fines.config';
import { FinesService } from './fines.service';

const SCHEDULER = { id: 'overdue-sweep', role: 'operator' };

/** Marks issued fines past their due date overdue, and sends overdue fines past the grace to enforcement (the decider decides). */
@Injectable()
export class OverdueSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly fines: FinesService,
    private readonly queries: FineQueries,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(FINES_CONFIG) private readonly config: FinesConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.overdueSweepMs > 0) {
      this.timer = setInterval(() => void this.run().catch((e) => this.logger.warn(`overdue sweep failed: ${(e as Error).message}`, 'OverdueSweep')), this.config.overdueSweepMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Runs one sweep as of `now` (the clock by default). */
  async run(now: Date = this.clock.now()): Promise<{ overdue: string[]; sentToEnforcement: string[] }> {
    const overdue: string[] = [];
    const sentToEnforcement: string[] = [];
    const sweepId = randomUUID();
    const step = async (fineId: string, run: () => Promise<{ events: unknown[] }>, into: string[]) =>
      requestContext.run({ correlationId: sweepId, requestId: `${sweepId}:${fineId}` }, async () => {
        if ((await run()).events.length > 0) into.push(fineId);
      });
    for (const fineId of await this.queries.overdueCandidates(almatyDate(now))) {
      await step(fineId, () => this.fines.execute(fineId, 'MarkOverdue', {}, SCHEDULER, { at: now }), overdue);
    }
    const graceDays = this.config.enforcementGraceDays;
    for (const fineId of await this.queries.enforcementCandidates(addCalendarDays(almatyDate(now), -graceDays))) {
      await step(fineId, () => this.fines.execute(fineId, 'SendToEnforcement', { graceDays }, SCHEDULER, { at: now }), sentToEnforcement);
    }
    return { overdue, sentToEnforcement };
  }
}
