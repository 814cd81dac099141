import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  DefectFoundV1,
  ReportForwardedV1,
  validateContract,
  type DefectType,
  type IntegrationEnvelope,
} from '@app/contracts';
import { AggregateCommands } from '@app/event-store';
import { ConsumeEvent, Inbox } from '@app/messaging';
import type { GeoPoint } from '../domain/road-case.types';
import { roadCaseAggregate } from '../application/road-case.aggregate';
import { CaseQueries } from '../read-models/case-board/case-board.queries';

const CONSUMER = 'road-cases.monitoring';

/** A report the club forwarded or a defect a raid found, as a road case takes it in. */
interface IncomingDefect {
  reportId: string;
  source: 'report' | 'raid';
  raidId: string | null;
  location: GeoPoint;
  district: string;
  address: string;
  defectType: DefectType;
  description: string;
}

/**
 * Reports the club forwarded and defects raids found become road cases: each joins an open case of the same type
 * nearby (CaseQueries.openCaseToJoin), or opens a new one. Runs in the inbox transaction; a lock per defect type
 * keeps two nearby reports from both opening cases. That needs READ COMMITTED (the read after the lock sees what the
 * holder committed), so the handlers are ownTransaction and never share a run's REPEATABLE READ snapshot.
 */
@Controller()
export class MonitoringEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly commands: AggregateCommands,
    private readonly queries: CaseQueries,
  ) {}

  @ConsumeEvent('ReportForwarded', { ownTransaction: true })
  async onReportForwarded(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const report = validateContract(ReportForwardedV1, envelope.payload);
    if (report.kind !== 'road_defect') return; // budget doubts go to budgets
    await this.takeIn(envelope, {
      reportId: report.reportId,
      source: 'report',
      raidId: null,
      location: report.location!,
      district: report.district!,
      address: report.address!,
      defectType: report.defectType!,
      description: report.description ?? '',
    });
  }

  @ConsumeEvent('DefectFound', { ownTransaction: true })
  async onDefectFound(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const defect = validateContract(DefectFoundV1, envelope.payload);
    await this.takeIn(envelope, {
      reportId: defect.defectId,
      source: 'raid',
      raidId: defect.raidId,
      location: defect.location,
      district: defect.district,
      address: defect.address,
      defectType: defect.defectType,
      description: defect.description ?? '',
    });
  }

  private async takeIn(envelope: IntegrationEnvelope, defect: IncomingDefect): Promise<void> {
    await this.inbox.once(CONSUMER, envelope, (manager) => this.joinOrOpen(defect, manager, envelope.actor));
  }

  private async joinOrOpen(defect: IncomingDefect, manager: EntityManager, actor: { id: string; role: string }) {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`road-case-intake:${defect.defectType}`]);
    const near = await this.queries.openCaseToJoin(defect.defectType, defect.location, manager);
    if (near) {
      const link = { reportId: defect.reportId, source: defect.source, raidId: defect.raidId };
      await this.commands.execute(roadCaseAggregate, near, 'LinkReport', link, actor, { manager });
      return;
    }
    const caseId = randomUUID();
    await this.commands.execute(
      roadCaseAggregate,
      caseId,
      'OpenCase',
      {
        caseId,
        location: defect.location,
        district: defect.district,
        address: defect.address,
        defectType: defect.defectType,
        description: defect.description,
        source: defect.source,
        reportIds: [defect.reportId],
        raidId: defect.raidId,
      },
      actor,
      { manager, expectedVersion: 0 },
    );
  }
}
