import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { PingModule } from '@app/messaging';

/** Road quality cases, from a defect report to an accepted repair. */
@Module({ imports: [PingModule, EventStoreModule.forService()] })
export class RoadCasesModule {}
