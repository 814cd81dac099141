import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { FineQueries } from './application/fine-queries';
import { finesUpcasters } from './fines.upcasters';
import { FINES_CONFIG, loadFinesConfig } from './application/fines.config';
import { FinesService } from './application/fines.service';
import { OverdueSweep } from './application/overdue-sweep';
import { finesPublished } from './fines.published';
import { CatalogueController } from './http/catalogue.controller';
import { FinesController } from './http/fines.controller';
import { FinesOpsController } from './http/ops.controller';
import { MonitoringEventsConsumer } from './messaging/monitoring-events.consumer';
import { fineProjections } from './projections/fine-projections';
import { PaymentReferences } from './application/payment-references';
import { FineStats } from './application/fine-stats';
import { CalendarCoverage } from './application/calendar-coverage';
import { MciCorrections } from './application/mci-corrections';

/** Administrative fines for offences found in raids or recorded by officials. */
@Module({
  imports: [
    EventStoreModule.forService({ projections: fineProjections, upcasters: finesUpcasters }),
    MessagingModule.forService({ published: finesPublished }),
  ],
  controllers: [FinesController, CatalogueController, FinesOpsController, MonitoringEventsConsumer],
  providers: [
    FinesService,
    FineQueries,
    PaymentReferences,
    FineStats,
    OverdueSweep,
    CalendarCoverage,
    MciCorrections,
    { provide: FINES_CONFIG, useFactory: () => loadFinesConfig(process.env) },
  ],
})
export class FinesModule {}
