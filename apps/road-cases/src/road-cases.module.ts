import { Module } from '@nestjs/common';
import { PingModule } from '@app/messaging';

/** Road quality cases, from a defect report to an accepted repair. */
@Module({ imports: [PingModule] })
export class RoadCasesModule {}
