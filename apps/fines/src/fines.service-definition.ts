import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { FinesModule } from './fines.module';

export const finesService: ServiceDefinition = {
  name: 'fines',
  schema: SERVICE_SCHEMAS['fines'],
  defaultPort: 3004,
  module: FinesModule,
  migrations: [...eventStoreMigrations, ...messagingMigrations],
  publishes: TOPICS.fines,
  subscribes: [TOPICS.monitoring],
};
