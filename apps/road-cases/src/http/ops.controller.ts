import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@app/platform';
import { OverdueSweep } from '../application/overdue-sweep';
import { OverdueSweepDto } from './case.dto';

@Controller('ops')
export class RoadCasesOpsController {
  constructor(private readonly sweep: OverdueSweep) {}

  /** Runs the overdue sweep now, or as of a given time (what the scheduler does every minute). */
  @Roles('operator')
  @Post('overdue-sweep')
  @HttpCode(200)
  async overdueSweep(@Body() body: OverdueSweepDto) {
    const escalated = await this.sweep.run(body.asOf ? new Date(body.asOf) : undefined);
    return { escalated };
  }
}
