import { TOPICS } from '@app/contracts';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { MonitoringModule } from './monitoring.module';

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  schema: 'monitoring',
  defaultPort: 3002,
  module: MonitoringModule,
  migrations: [...messagingMigrations],
  publishes: TOPICS.monitoring,
  subscribes: [TOPICS.roadCases, TOPICS.budgets],
};
