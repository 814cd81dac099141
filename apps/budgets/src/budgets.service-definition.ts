import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, type ServiceDefinition } from '@app/platform';
import { BudgetsModule } from './budgets.module';
import { BudgetReadModels1764500000000 } from './projections/budget-projections';

export const budgetsService: ServiceDefinition = {
  name: 'budgets',
  schema: SERVICE_SCHEMAS['budgets'],
  defaultPort: 3001,
  module: BudgetsModule,
  migrations: [...platformMigrations, ...eventStoreMigrations, ...messagingMigrations, BudgetReadModels1764500000000],
  publishes: TOPICS.budgets,
  subscribes: [TOPICS.fines, TOPICS.roadCases, TOPICS.monitoring],
};
