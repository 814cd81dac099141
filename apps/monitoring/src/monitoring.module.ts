import { Module } from '@nestjs/common';
import { PingModule } from '@app/messaging';

/** Citizens' monitoring reports, the club's review and raids. */
@Module({ imports: [PingModule] })
export class MonitoringModule {}
