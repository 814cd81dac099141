import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { PingModule } from '@app/messaging';

/** Citizens' monitoring reports, the club's review and raids. */
@Module({ imports: [PingModule, EventStoreModule.forService()] })
export class MonitoringModule {}
