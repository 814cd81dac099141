import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';

/** Citizens' monitoring reports, the club's review and raids. */
@Module({ imports: [EventStoreModule.forService(), MessagingModule.forService()] })
export class MonitoringModule {}
