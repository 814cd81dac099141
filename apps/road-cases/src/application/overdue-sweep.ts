import { Inject, Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { JsonLogger, OVERDUE_SWEEP_ACTOR, PeriodicSweep, sweepThread } from '@app/platform';
import { CaseQueries } from '../read-models/case-board/case-board.queries';
import { roadCaseAggregate } from './road-case.aggregate';
import { ROAD_CASES_CONFIG, type RoadCasesConfig } from './road-cases.config';
import { Clock } from '@app/domain-kernel';

/** Escalates assigned cases past their due date (once per assignment; the decider refuses a second time). */
@Injectable()
export class OverdueSweep extends PeriodicSweep {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly queries: CaseQueries,
    private readonly clock: Clock,
    logger: JsonLogger,
    @Inject(ROAD_CASES_CONFIG) config: RoadCasesConfig,
  ) {
    super(logger, config.overdueSweepMs, 'OverdueSweep');
  }

  /** Runs one sweep as of `now` (the clock by default); returns the cases escalated. */
  async run(now: Date = this.clock.now()): Promise<string[]> {
    return sweepThread()(await this.queries.overdueCandidates(now), (caseId) =>
      this.commands.execute(roadCaseAggregate, caseId, 'MarkOverdue', {}, OVERDUE_SWEEP_ACTOR, { at: now }),
    );
  }
}
