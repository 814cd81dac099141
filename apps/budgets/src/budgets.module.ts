import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { PingModule } from '@app/messaging';

/** The open budget register: institutions, programmes, contracts, spending and revenue. */
@Module({ imports: [PingModule, EventStoreModule.forService()] })
export class BudgetsModule {}
