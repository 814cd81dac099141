import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Public } from '@app/platform';
import { FINES_CONFIG, type FinesConfig } from '../application/fines.config';
import { mciSeries } from '../domain/mci';
import { MciQueryDto } from './fine.dto';

/** What anyone may read: the offence catalogue in force and the MCI table. */
@Controller()
export class CatalogueController {
  constructor(@Inject(FINES_CONFIG) private readonly config: FinesConfig) {}

  @Public()
  @Get('offence-types')
  offenceTypes() {
    return { items: this.config.catalogue };
  }

  /** One purpose's MCI series (penalties, which fines use, unless ?purpose=benefits), each value with its source. */
  @Public()
  @Get('mci')
  mci(@Query() query: MciQueryDto) {
    const purpose = query.purpose ?? 'penalties';
    return {
      currency: 'KZT',
      purpose,
      items: mciSeries(purpose).map((row) => ({ ...row, tiyn: row.tenge * 100 })),
    };
  }
}
