import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { PingModule } from '@app/messaging';

/** Administrative fines for offences found in raids. */
@Module({ imports: [PingModule, EventStoreModule.forService()] })
export class FinesModule {}
