import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseClosedV1, CaseOpenedV1, CaseRejectedV1, ReportLinkedToCaseV1 } from '@app/contracts';
import type { Actor } from '@app/domain-kernel';
import { reportsOfCase } from '../read-models/report-cases/report-cases.queries';
import { ReportResolution } from './report-resolution';

/**
 * What road-cases' events mean for reports, each in the consumer's inbox transaction: road cases answer forwarded
 * reports, so the citizen sees the case, and its closing resolves the reports.
 */
@Injectable()
export class RoadCasesIntake {
  constructor(private readonly resolution: ReportResolution) {}

  caseOpened(opened: CaseOpenedV1, actor: Actor, manager: EntityManager): Promise<void> {
    return this.resolution.linkCase(opened.reportIds, opened.caseId, actor, manager);
  }

  reportLinked(caseId: string, linked: ReportLinkedToCaseV1, actor: Actor, manager: EntityManager): Promise<void> {
    return this.resolution.linkCase([linked.reportId], caseId, actor, manager);
  }

  /** A repaired case fixes every report it answers. */
  caseClosed(caseId: string, closed: CaseClosedV1, actor: Actor, manager: EntityManager): Promise<void> {
    const data = { outcome: 'fixed' as const, reason: null, caseId, source: 'road-cases' as const };
    return this.resolution.resolve(closed.reportIds, data, actor, manager);
  }

  /** A rejected case closes its reports without a fix, with the inspector's reason; the event names none of them. */
  async caseRejected(caseId: string, rejected: CaseRejectedV1, actor: Actor, manager: EntityManager): Promise<void> {
    const reportIds = await reportsOfCase(manager, caseId);
    const data = {
      outcome: 'closed_without_fix' as const,
      reason: rejected.reason,
      caseId,
      source: 'road-cases' as const,
    };
    await this.resolution.resolve(reportIds, data, actor, manager);
  }
}
