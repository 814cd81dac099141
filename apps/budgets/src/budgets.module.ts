import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { BudgetMapQueries } from './application/budget-map.queries';
import { BudgetIntake } from './application/budget-intake';
import { BudgetOperations } from './application/budget-operations';
import { RegisterExportQueries } from './application/register-export.queries';
import { RegisterQueries } from './application/register-queries';
import { budgetsPublished } from './budgets.published';
import { BudgetMapController } from './http/budget-map.controller';
import { ContractsController } from './http/contracts.controller';
import { InstitutionsController } from './http/institutions.controller';
import { ProgrammesController } from './http/programmes.controller';
import { FinesEventsConsumer } from './messaging/fines-events.consumer';
import { MonitoringEventsConsumer } from './messaging/monitoring-events.consumer';
import { RoadCasesEventsConsumer } from './messaging/road-cases-events.consumer';
import { budgetProjections } from './projections/budget-projections';

/** The open budget register: institutions, programmes, contracts, spending and revenue. */
@Module({
  imports: [
    EventStoreModule.forService({ projections: budgetProjections }),
    MessagingModule.forService({ published: budgetsPublished }),
  ],
  controllers: [
    InstitutionsController,
    ProgrammesController,
    ContractsController,
    BudgetMapController,
    RoadCasesEventsConsumer,
    FinesEventsConsumer,
    MonitoringEventsConsumer,
  ],
  providers: [BudgetOperations, BudgetIntake, RegisterQueries, BudgetMapQueries, RegisterExportQueries],
})
export class BudgetsModule {}
