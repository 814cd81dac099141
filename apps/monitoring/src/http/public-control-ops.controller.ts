import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '@app/platform';
import { ControlOverdueSweep } from '../application/control-overdue-sweep';
import { ControlOverdueSweepDto } from './control-document.dto';

@Controller('ops')
export class PublicControlOpsController {
  constructor(private readonly sweep: ControlOverdueSweep) {}

  /** Runs the public-control overdue sweep now, or as of a given time (what the scheduler does every minute). */
  @Roles('operator')
  @Post('overdue-sweep')
  @HttpCode(200)
  overdueSweep(@Body() body: ControlOverdueSweepDto) {
    return this.sweep.run(body.asOf ? new Date(body.asOf) : undefined);
  }
}
