import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@app/platform';
import { OverdueSweep } from '../application/overdue-sweep';
import { OverdueSweepDto } from './fine.dto';

@Controller('ops')
export class FinesOpsController {
  constructor(private readonly sweep: OverdueSweep) {}

  /** Runs the overdue and enforcement sweep now, or as of a given time (what the scheduler does every minute). */
  @Roles('operator')
  @Post('overdue-sweep')
  @HttpCode(200)
  overdueSweep(@Body() body: OverdueSweepDto) {
    return this.sweep.run(body.asOf ? new Date(body.asOf) : undefined);
  }
}
