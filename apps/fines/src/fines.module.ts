import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';
import { finesUpcasters } from './fines.upcasters';
import { FINES_CONFIG, loadFinesConfig } from './application/fines.config';
import { IssueFineUseCase } from './application/issue-fine';
import { OverdueSweep } from './application/overdue-sweep';
import { finesPublished } from './fines.published';
import { CatalogueController } from './http/catalogue.controller';
import { FinesController } from './http/fines.controller';
import { FinesOpsController } from './http/ops.controller';
import { MonitoringEventsConsumer } from './messaging/monitoring-events.consumer';
import { fineProjections } from './read-models/fine-projections';
import { FineQueries } from './read-models/fine-board/fine-board.queries';
import { FineStats } from './read-models/fine-board/fine-stats.queries';
import { MciCorrections } from './read-models/fine-board/mci-corrections.queries';
import { FinePayments } from './read-models/fine-payments/fine-payments.queries';
import { KnownRaids } from './read-models/known-raids/known-raids.queries';
import { PaymentReferences } from './application/payment-references';
import { ReadFine } from './application/read-fine';
import { RecordPaymentUseCase } from './application/record-payment';
import { CalendarCoverage } from './application/calendar-coverage';
import { MciCoverage } from './application/mci-coverage';

/** Administrative fines for offences found in raids or recorded by officials. */
@Module({
  imports: [
    EventStoreModule.forService({ projections: fineProjections, upcasters: finesUpcasters }),
    MessagingModule.forService({ published: finesPublished }),
  ],
  controllers: [FinesController, CatalogueController, FinesOpsController, MonitoringEventsConsumer],
  providers: [
    IssueFineUseCase,
    RecordPaymentUseCase,
    ReadFine,
    FineQueries,
    PaymentReferences,
    FineStats,
    OverdueSweep,
    CalendarCoverage,
    MciCoverage,
    MciCorrections,
    FinePayments,
    KnownRaids,
    { provide: FINES_CONFIG, useFactory: () => loadFinesConfig(process.env) },
  ],
})
export class FinesModule {}
