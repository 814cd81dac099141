import { TOPICS } from '@app/contracts';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { FinesModule } from './fines.module';

export const finesService: ServiceDefinition = {
  name: 'fines',
  schema: 'fines',
  defaultPort: 3004,
  module: FinesModule,
  migrations: [...messagingMigrations],
  publishes: TOPICS.fines,
  subscribes: [TOPICS.monitoring],
};
