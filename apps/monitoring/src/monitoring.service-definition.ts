import { TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { photoEvidenceMigrations } from '@app/photo-evidence';
import { platformMigrations, registeredServiceDefinition, type ServiceDefinition } from '@app/platform';
import { PersonalDataRecords1767300000001 } from './migrations/personal-data-records.migration';
import { ReporterContacts1764500000001 } from './migrations/reporter-contacts.migration';
import { MonitoringModule } from './monitoring.module';
import { ControlDocuments1767500000001 } from './read-models/control-documents/control-documents.migration';
import { controlDocumentsProjection } from './read-models/control-documents/control-documents.projection';
import { ControlDocumentsSweepIndexes1768000000200 } from './read-models/control-documents/control-documents-sweep-indexes.migration';
import {
  MonitoringReadModels1764500000000,
  monitoringProjections,
  ReportNotices1767600000000,
  ControlNotices1767800000000,
} from './projections/monitoring-projections';
import { NotificationDeliveries1767600000100 } from './read-models/citizen-notices/notification-deliveries.migration';
import { Open311UpdatesIndex1768000000300 } from './read-models/report-board/open311-updates-index.migration';

/** How monitoring is run: its main.ts and apps/embedded start it from this (the one file of the app others import). */
export const serviceDefinition: ServiceDefinition = registeredServiceDefinition('monitoring', {
  module: MonitoringModule,
  migrations: [
    ...platformMigrations,
    ...eventStoreMigrations,
    ...messagingMigrations,
    MonitoringReadModels1764500000000,
    ReporterContacts1764500000001,
    PersonalDataRecords1767300000001,
    ControlDocuments1767500000001,
    ReportNotices1767600000000,
    NotificationDeliveries1767600000100,
    ControlNotices1767800000000,
    ...photoEvidenceMigrations,
    ControlDocumentsSweepIndexes1768000000200,
    Open311UpdatesIndex1768000000300,
  ],
  subscribes: [TOPICS.roadCases, TOPICS.budgets],
});

/** The read models its event store feeds besides the builtin ones, for the operator scripts (projections:rebuild). */
export const serviceProjections = [...monitoringProjections, controlDocumentsProjection];
