import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  CaseClosedV1,
  CaseOpenedV1,
  CaseRejectedV1,
  IntegrationEnvelope,
  ReportLinkedToCaseV1,
} from '@app/contracts';
import type { Actor } from '@app/domain-kernel';
import { Inbox } from '@app/messaging';
import { recordCaseStep, type CaseStep } from '../read-models/citizen-notices/case-notices.queries';
import { reportsOfCase } from '../read-models/report-cases/report-cases.queries';
import { ReportResolution } from './report-resolution';

/**
 * What road-cases' events mean for reports, once per event in the inbox's transaction: road cases answer forwarded
 * reports, so the citizen sees the case, and its closing resolves the reports. The case is the event's stream. Its
 * other steps become notices for the reports' readers (caseStep, taken by RoadCaseStepsConsumer).
 */
@Injectable()
export class RoadCasesIntake {
  constructor(
    private readonly inbox: Inbox,
    private readonly resolution: ReportResolution,
  ) {}

  caseOpened(opened: CaseOpenedV1, envelope: IntegrationEnvelope): Promise<void> {
    return this.once(envelope, (actor, manager) =>
      this.resolution.linkCase(opened.reportIds, opened.caseId, actor, manager),
    );
  }

  reportLinked(linked: ReportLinkedToCaseV1, envelope: IntegrationEnvelope): Promise<void> {
    return this.once(envelope, (actor, manager) =>
      this.resolution.linkCase([linked.reportId], envelope.streamId, actor, manager),
    );
  }

  /** A repaired case fixes every report it answers. */
  caseClosed(closed: CaseClosedV1, envelope: IntegrationEnvelope): Promise<void> {
    const data = { outcome: 'fixed' as const, reason: null, caseId: envelope.streamId, source: 'road-cases' as const };
    return this.once(envelope, (actor, manager) => this.resolution.resolve(closed.reportIds, data, actor, manager));
  }

  /** A rejected case closes its reports without a fix, with the inspector's reason; the event names none of them. */
  caseRejected(rejected: CaseRejectedV1, envelope: IntegrationEnvelope): Promise<void> {
    const caseId = envelope.streamId;
    const data = {
      outcome: 'closed_without_fix' as const,
      reason: rejected.reason,
      caseId,
      source: 'road-cases' as const,
    };
    return this.once(envelope, async (actor, manager) =>
      this.resolution.resolve(await reportsOfCase(manager, caseId), data, actor, manager),
    );
  }

  /**
   * A step of a road case that changes nothing of its reports but that their reporters are told of (verified,
   * assigned, repair reported, accepted or sent back, reopened): a notice for every report the case answers, in the
   * consumer's inbox transaction, so once per event.
   */
  async caseStep(manager: EntityManager, step: CaseStep): Promise<void> {
    await recordCaseStep(manager, step, await reportsOfCase(manager, step.caseId));
  }

  private async once(
    envelope: IntegrationEnvelope,
    effect: (actor: Actor, manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.inbox.once('monitoring.road-cases', envelope, (manager) => effect(envelope.actor, manager));
  }
}
