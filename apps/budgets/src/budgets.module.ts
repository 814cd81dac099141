import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { DeclareDisclosureUseCase } from './application/declare-disclosure';
import { FinesIntake } from './application/intake/fines-intake';
import { MonitoringIntake } from './application/intake/monitoring-intake';
import { RoadCasesIntake } from './application/intake/road-cases-intake';
import { PublishProgrammeUseCase } from './application/publish-programme';
import { RecordExpenditureUseCase } from './application/record-expenditure';
import { RecordPaymentUseCase } from './application/record-payment';
import { SignContractUseCase } from './application/sign-contract';
import { budgetsPublished } from './budgets.published';
import { BudgetMapController } from './http/budget-map.controller';
import { ContractsController } from './http/contracts.controller';
import { InstitutionsController } from './http/institutions.controller';
import { ProgrammesController } from './http/programmes.controller';
import { FinesEventsConsumer } from './messaging/fines-events.consumer';
import { MonitoringEventsConsumer } from './messaging/monitoring-events.consumer';
import { RoadCasesEventsConsumer } from './messaging/road-cases-events.consumer';
import { budgetProjections } from './projections/budget-projections';
import { BudgetMapQueries } from './read-models/register/budget-map.queries';
import { RegisterExportQueries } from './read-models/register/register-export.queries';
import { RegisterQueries } from './read-models/register/register.queries';

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
  providers: [
    // One use case per command that needs more than its request; every other command goes straight to AggregateCommands.
    PublishProgrammeUseCase,
    RecordExpenditureUseCase,
    DeclareDisclosureUseCase,
    SignContractUseCase,
    RecordPaymentUseCase,
    // One intake per service whose events change the register.
    RoadCasesIntake,
    FinesIntake,
    MonitoringIntake,
    RegisterQueries,
    BudgetMapQueries,
    RegisterExportQueries,
  ],
})
export class BudgetsModule {}
