import { TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, registeredServiceDefinition, type ServiceDefinition } from '@app/platform';
import { BudgetsModule } from './budgets.module';
import { BudgetReadModels1764500000000, budgetProjections } from './projections/budget-projections';

/** How budgets is run: its main.ts and apps/embedded start it from this (the one file of the app others import). */
export const serviceDefinition: ServiceDefinition = registeredServiceDefinition('budgets', {
  module: BudgetsModule,
  migrations: [...platformMigrations, ...eventStoreMigrations, ...messagingMigrations, BudgetReadModels1764500000000],
  subscribes: [TOPICS.fines, TOPICS.roadCases, TOPICS.monitoring],
});

/** The read models its event store feeds besides the builtin ones, for the operator scripts (projections:rebuild). */
export const serviceProjections = budgetProjections;

/** The register's export as a benchmark drives it (npm run bench:export). */
export { RegisterExportQueries } from './read-models/register/register-export.queries';
/** The register's tables as the benchmark seeds them (their columns, declared once). */
export { institutionColumns, programmeColumns } from './read-models/register/register.tables';
