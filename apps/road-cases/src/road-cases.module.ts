import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { PhotoEvidenceModule } from '@app/photo-evidence';
import { AssignContractorToCase } from './application/assign-contractor';
import { CaseReads } from './application/case-reads';
import { OverdueSweep } from './application/overdue-sweep';
import { ReportCaseRepair } from './application/report-repair';
import { loadRoadCasesConfig, ROAD_CASES_CONFIG } from './application/road-cases.config';
import { CasesController } from './http/cases.controller';
import { ContractorsController } from './http/contractors.controller';
import { RoadCasesOpsController } from './http/ops.controller';
import { BudgetsEventsConsumer } from './messaging/budgets-events.consumer';
import { MonitoringEventsConsumer } from './messaging/monitoring-events.consumer';
import { CaseQueries } from './read-models/case-board/case-board.queries';
import { KnownContracts } from './read-models/known-contracts/known-contracts.queries';
import { roadCaseProjections } from './read-models/road-case-projections';
import { roadCasesPublished } from './road-cases.published';

/** Road quality cases, from a defect report to an accepted repair. */
@Module({
  imports: [
    EventStoreModule.forService({ projections: roadCaseProjections }),
    MessagingModule.forService({ published: roadCasesPublished }),
    PhotoEvidenceModule,
  ],
  controllers: [
    CasesController,
    ContractorsController,
    RoadCasesOpsController,
    MonitoringEventsConsumer,
    BudgetsEventsConsumer,
  ],
  providers: [
    AssignContractorToCase,
    ReportCaseRepair,
    CaseQueries,
    CaseReads,
    KnownContracts,
    OverdueSweep,
    { provide: ROAD_CASES_CONFIG, useFactory: () => loadRoadCasesConfig(process.env) },
  ],
})
export class RoadCasesModule {}
