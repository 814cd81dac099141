import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JsonLogger, requestContext } from '@app/platform';
import { CaseQueries } from './case-queries';
import { Clock } from '@app/platform';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';
import { RoadCasesService } from './road-cases.service';

const SCHEDULER = { id: 'overdue-sweep', role: 'operator' };

/** Escalates assigned cases past their due date (once per assignment; the decider refuses a second time). */
@Injectable()
export class OverdueSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cases: RoadCasesService,
    private readonly queries: CaseQueries,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(ROAD_CASES_CONFIG) private readonly config: RoadCasesConfig,
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

  /** Runs one sweep as of `now` (the clock by default); returns the cases escalated. */
  async run(now: Date = this.clock.now()): Promise<string[]> {
    const escalated: string[] = [];
    const sweepId = randomUUID();
    for (const caseId of await this.queries.overdueCandidates(now)) {
      await requestContext.run({ correlationId: sweepId, requestId: `${sweepId}:${caseId}` }, async () => {
        const result = await this.cases.execute(caseId, 'MarkOverdue', {}, SCHEDULER, { at: now });
        if (result.events.length > 0) escalated.push(caseId);
      });
    }
    return escalated;
  }
}
