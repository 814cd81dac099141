import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';

/** Administrative fines for offences found in raids. */
@Module({ imports: [EventStoreModule.forService(), MessagingModule.forService()] })
export class FinesModule {}
