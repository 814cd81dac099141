import { SERVICE_SCHEMAS, TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, type ServiceDefinition } from '@app/platform';
import { FinesModule } from './fines.module';
import { FineReadModels1764700000000 } from './projections/fine-projections';
import { FinePayments1765100000000 } from './projections/fine-payments.migration';
import { FineBoardPersonalData1767300000002 } from './projections/fine-board-personal-data.migration';
import { FineBoardCalendar1767400000000 } from './projections/fine-board-calendar.migration';

export const finesService: ServiceDefinition = {
  name: 'fines',
  schema: SERVICE_SCHEMAS['fines'],
  defaultPort: 3004,
  module: FinesModule,
  migrations: [
    ...platformMigrations,
    ...eventStoreMigrations,
    ...messagingMigrations,
    FineReadModels1764700000000,
    FinePayments1765100000000,
    FineBoardPersonalData1767300000002,
    FineBoardCalendar1767400000000,
  ],
  publishes: TOPICS.fines,
  subscribes: [TOPICS.monitoring],
};
