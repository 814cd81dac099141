import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { PageQueryDto, Roles, pageOf } from '@app/platform';
import { MciCorrections } from '../read-models/fine-board/mci-corrections.queries';
import { OverdueSweep } from '../application/overdue-sweep';
import { OverdueSweepDto } from './fine.dto';

@Controller('ops')
export class FinesOpsController {
  constructor(
    private readonly sweep: OverdueSweep,
    private readonly mciCorrections: MciCorrections,
  ) {}

  /** Runs the overdue and enforcement sweep now, or as of a given time (what the scheduler does every minute). */
  @Roles('operator')
  @Post('overdue-sweep')
  @HttpCode(200)
  overdueSweep(@Body() body: OverdueSweepDto) {
    return this.sweep.run(body.asOf ? new Date(body.asOf) : undefined);
  }

  /**
   * Fines issued at an MCI other than the penalties series gives for their offence date, oldest offence first, with
   * the MCI and amount used and due and the ordinary command that corrects each (the answer's description says how).
   */
  @Roles('official', 'auditor')
  @Get('mci-corrections')
  mciCorrectionsReport(@Query() query: PageQueryDto) {
    return this.mciCorrections.list(pageOf(query));
  }
}
