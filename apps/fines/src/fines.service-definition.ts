import { TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { platformMigrations, registeredServiceDefinition, type ServiceDefinition } from '@app/platform';
import { FinesModule } from './fines.module';
import { FineReadModels1764700000000, fineProjections } from './read-models/fine-projections';
import { FinePayments1765100000000 } from './read-models/fine-payments/fine-payments.migration';
import { FineBoardPersonalData1767300000002 } from './read-models/fine-board/fine-board-personal-data.migration';
import { FineBoardCalendar1767400000000 } from './read-models/fine-board/fine-board-calendar.migration';

/** How fines is run: its main.ts and apps/embedded start it from this (the one file of the app others import). */
export const serviceDefinition: ServiceDefinition = registeredServiceDefinition('fines', {
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
  subscribes: [TOPICS.monitoring],
});

/** The read models its event store feeds besides the builtin ones, for the operator scripts (projections:rebuild). */
export const serviceProjections = fineProjections;
