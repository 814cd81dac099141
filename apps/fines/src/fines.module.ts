import { Module } from '@nestjs/common';
import { PingModule } from '@app/messaging';

/** Administrative fines for offences found in raids. */
@Module({ imports: [PingModule] })
export class FinesModule {}
