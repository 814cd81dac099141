import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, type ServiceDefinition } from '@app/platform';
import { PersonalDataRecords1767300000001 } from './migrations/personal-data-records.migration';
import { ReporterContacts1764500000001 } from './migrations/reporter-contacts.migration';
import { MonitoringModule } from './monitoring.module';
import { MonitoringReadModels1764500000000 } from './projections/monitoring-projections';

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  schema: SERVICE_SCHEMAS['monitoring'],
  defaultPort: 3002,
  module: MonitoringModule,
  migrations: [
    ...platformMigrations,
    ...eventStoreMigrations,
    ...messagingMigrations,
    MonitoringReadModels1764500000000,
    ReporterContacts1764500000001,
    PersonalDataRecords1767300000001,
  ],
  publishes: TOPICS.monitoring,
  subscribes: [TOPICS.roadCases, TOPICS.budgets],
};
