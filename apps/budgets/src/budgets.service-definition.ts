import { TOPICS } from '@app/contracts';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { BudgetsModule } from './budgets.module';

export const budgetsService: ServiceDefinition = {
  name: 'budgets',
  schema: 'budgets',
  defaultPort: 3001,
  module: BudgetsModule,
  migrations: [...messagingMigrations],
  publishes: TOPICS.budgets,
  subscribes: [TOPICS.fines, TOPICS.roadCases, TOPICS.monitoring],
};
