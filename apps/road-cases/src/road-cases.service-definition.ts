import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, type ServiceDefinition } from '@app/platform';
import { RoadCaseReadModels1764400000000 } from './projections/road-case-projections';
import { RoadCasesModule } from './road-cases.module';

export const roadCasesService: ServiceDefinition = {
  name: 'road-cases',
  schema: SERVICE_SCHEMAS['road-cases'],
  defaultPort: 3003,
  module: RoadCasesModule,
  migrations: [...platformMigrations, ...eventStoreMigrations, ...messagingMigrations, RoadCaseReadModels1764400000000],
  publishes: TOPICS.roadCases,
  subscribes: [TOPICS.monitoring, TOPICS.budgets],
};
