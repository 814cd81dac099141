import { Module } from '@nestjs/common';
import { PingModule } from '@app/messaging';

/** The open budget register: institutions, programmes, contracts, spending and revenue. */
@Module({ imports: [PingModule] })
export class BudgetsModule {}
