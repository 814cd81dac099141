import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '@app/platform';
import { FINES_CONFIG, type FinesConfig } from '../application/fines.config';
import { MCI_TABLE } from '../domain/mci';

/** What anyone may read: the offence catalogue in force and the MCI table. */
@Controller()
export class CatalogueController {
  constructor(@Inject(FINES_CONFIG) private readonly config: FinesConfig) {}

  @Public()
  @Get('offence-types')
  offenceTypes() {
    return { items: this.config.catalogue };
  }

  @Public()
  @Get('mci')
  mci() {
    return { currency: 'KZT', items: MCI_TABLE.map((row) => ({ ...row, tiyn: row.tenge * 100 })) };
  }
}
