import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { almatyYear, Clock } from '@app/domain-kernel';
import { JsonLogger } from '@app/platform';
import { mciKnownFor, mciSeries } from '../domain/mci';

/**
 * Whether the MCI table reaches this year and the next (Asia/Almaty): a fine for an offence of a year the table has
 * no value for is priced at the last one and flagged mciUnverified, and operators are told before it happens. At
 * start, a warning naming the missing year; at every scrape, `fines_mci_known{year="current"|"next"}` (1 or 0).
 */
@Injectable()
export class MciCoverage implements OnApplicationBootstrap {
  constructor(
    registry: Registry,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
  ) {
    const years = () => this.years();
    new Gauge({
      name: 'fines_mci_known',
      help: 'Whether the MCI for penalties of this year / next year (Asia/Almaty) is in the table: 0 means fines for offences of that year are priced at the last value and flagged mciUnverified',
      labelNames: ['year'],
      registers: [registry],
      collect() {
        const { current, next } = years();
        this.set({ year: 'current' }, current.known ? 1 : 0);
        this.set({ year: 'next' }, next.known ? 1 : 0);
      },
    });
  }

  years(): Record<'current' | 'next', { year: number; known: boolean }> {
    const year = almatyYear(this.clock.now());
    return {
      current: { year, known: mciKnownFor(year) },
      next: { year: year + 1, known: mciKnownFor(year + 1) },
    };
  }

  onApplicationBootstrap(): void {
    const last = mciSeries('penalties').at(-1)!;
    for (const { year, known } of Object.values(this.years()))
      if (!known)
        this.logger.warn(
          `the MCI for penalties of ${year} is not in the table: fines for offences from 1 January ${year} are priced at ${last.tenge} tenge (from ${last.effectiveFrom}) and flagged mciUnverified; enter ${year}'s value from the budget law in apps/fines/src/domain/mci.ts, then GET /ops/mci-corrections lists the fines to correct`,
          'MciCoverage',
        );
  }
}
