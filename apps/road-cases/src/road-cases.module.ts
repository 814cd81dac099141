import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';

/** Road quality cases, from a defect report to an accepted repair. */
@Module({ imports: [EventStoreModule.forService(), MessagingModule.forService()] })
export class RoadCasesModule {}
