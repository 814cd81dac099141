import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { MonitoringModule } from './monitoring.module';

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  schema: SERVICE_SCHEMAS['monitoring'],
  defaultPort: 3002,
  module: MonitoringModule,
  migrations: [...eventStoreMigrations, ...messagingMigrations],
  publishes: TOPICS.monitoring,
  subscribes: [TOPICS.roadCases, TOPICS.budgets],
};
