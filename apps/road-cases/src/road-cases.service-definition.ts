import { TOPICS } from '@app/contracts';
import { eventStoreMigrations } from '@app/event-store';
import { messagingMigrations } from '@app/messaging';
import { photoEvidenceMigrations } from '@app/photo-evidence';
import { CaseBoardRepairPhotos1767900000100 } from './read-models/case-board/case-board-repair-photos.migration';
import { CaseBoardSweepIndexes1768000000100 } from './read-models/case-board/case-board-sweep-indexes.migration';
import { CaseBoardListOrderIndexes1768000000200 } from './read-models/case-board/case-board-list-order-indexes.migration';
import { platformMigrations, registeredServiceDefinition, type ServiceDefinition } from '@app/platform';
import { RoadCaseReadModels1764400000000, roadCaseProjections } from './read-models/road-case-projections';
import { RoadCasesModule } from './road-cases.module';

/** How road-cases is run: its main.ts and apps/embedded start it from this (the one file of the app others import). */
export const serviceDefinition: ServiceDefinition = registeredServiceDefinition('road-cases', {
  module: RoadCasesModule,
  migrations: [
    ...platformMigrations,
    ...eventStoreMigrations,
    ...messagingMigrations,
    RoadCaseReadModels1764400000000,
    ...photoEvidenceMigrations,
    CaseBoardRepairPhotos1767900000100,
    CaseBoardSweepIndexes1768000000100,
    CaseBoardListOrderIndexes1768000000200,
  ],
  subscribes: [TOPICS.monitoring, TOPICS.budgets],
});

/** The read models its event store feeds besides the builtin ones, for the operator scripts (projections:rebuild). */
export const serviceProjections = roadCaseProjections;
