import { TOPICS } from '@app/contracts';
import { messagingMigrations } from '@app/messaging';
import type { ServiceDefinition } from '@app/platform';
import { RoadCasesModule } from './road-cases.module';

export const roadCasesService: ServiceDefinition = {
  name: 'road-cases',
  schema: 'road_cases',
  defaultPort: 3003,
  module: RoadCasesModule,
  migrations: [...messagingMigrations],
  publishes: TOPICS.roadCases,
  subscribes: [TOPICS.monitoring, TOPICS.budgets],
};
