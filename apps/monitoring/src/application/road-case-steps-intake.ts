import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordCaseStep, type CaseStep } from '../read-models/citizen-notices/case-notices.queries';
import { reportsOfCase } from '../read-models/report-cases/report-cases.queries';

/**
 * The steps of a road case that change nothing of its reports but that their reporters are told of (verified,
 * assigned, repair reported, accepted or sent back, reopened): each becomes a notice for every report the case
 * answers, in the consumer's inbox transaction, so once per event.
 */
@Injectable()
export class RoadCaseStepsIntake {
  async step(manager: EntityManager, step: CaseStep): Promise<void> {
    await recordCaseStep(manager, step, await reportsOfCase(manager, step.caseId));
  }
}
