import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AggregateCommands } from '@app/event-store';
import type { DefectType, GeoPoint } from '../domain/road-case.types';
import { CaseQueries } from '../application/case-queries';
import { roadCaseAggregate } from '../application/road-case.aggregate';

export const LINK_DISTANCE_METRES = 50;

export interface IncomingDefect {
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
 * A forwarded report or a raid's defect joins an open case of the same type within 50 m, or opens a new one.
 * Runs in the consumer's inbox transaction; a lock per defect type keeps two nearby reports from both opening cases.
 * That needs READ COMMITTED (the read after the lock sees what the holder committed), so its handlers are
 * ownTransaction and never share a run's REPEATABLE READ snapshot.
 */
@Injectable()
export class ReportIntake {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly queries: CaseQueries,
  ) {}

  async accept(defect: IncomingDefect, manager: EntityManager, actor: { id: string; role: string }): Promise<string> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`road-case-intake:${defect.defectType}`]);
    const near = await this.queries.openCaseNear(
      defect.defectType,
      defect.location.lat,
      defect.location.lon,
      LINK_DISTANCE_METRES,
      manager,
    );
    if (near) {
      await this.commands.execute(
        roadCaseAggregate,
        near,
        'LinkReport',
        { reportId: defect.reportId, source: defect.source, raidId: defect.raidId },
        actor,
        { manager },
      );
      return near;
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
    return caseId;
  }
}
