import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { MessagingModule } from '@app/messaging';

/** The open budget register: institutions, programmes, contracts, spending and revenue. */
@Module({ imports: [EventStoreModule.forService(), MessagingModule.forService()] })
export class BudgetsModule {}
