import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { almatyYear } from '@app/domain-kernel';
import { Clock } from '@app/domain-kernel';
import { JsonLogger } from '@app/platform';
import { FineQueries } from '../read-models/fine-board/fine-board.queries';
import { FINES_CONFIG, type FinesConfig } from './fines.config';

const OPEN_STATUSES = ['issued', 'appealed', 'overdue'];

/**
 * Whether the working-day calendar reaches far enough: deadlines counted into a year nobody verified are flagged on
 * their fines, and operators are told before it happens. At start, a warning when next year (Asia/Almaty) is not
 * verified; at every scrape, `working_day_calendar_next_year_verified` (1 or 0) and `fines_calendar_unverified{status}`,
 * the fines whose deadlines were counted on the unverified calendar.
 */
@Injectable()
export class CalendarCoverage implements OnApplicationBootstrap {
  constructor(
    registry: Registry,
    queries: FineQueries,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
    @Inject(FINES_CONFIG) private readonly config: FinesConfig,
  ) {
    const nextYearVerified = () => this.nextYear().verified;
    new Gauge({
      name: 'working_day_calendar_next_year_verified',
      help: 'Whether the working-day calendar is verified for next year (Asia/Almaty): 0 means deadlines counted into it are flagged calendarUnverified',
      registers: [registry],
      collect() {
        this.set(nextYearVerified() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'fines_calendar_unverified',
      help: 'Fines whose discount deadline or due date falls in a year the working-day calendar is not verified for, by status',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const rows = await queries.calendarUnverifiedByStatus().catch(() => undefined);
        if (!rows) return; // the database is away: keep the last values rather than fail the scrape
        this.reset();
        for (const status of OPEN_STATUSES) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
        for (const row of rows) if (!OPEN_STATUSES.includes(row.status)) this.set({ status: row.status }, row.n);
      },
    });
  }

  nextYear(): { year: number; verified: boolean } {
    const year = almatyYear(this.clock.now()) + 1;
    return { year, verified: this.config.calendar.isVerified(year) };
  }

  onApplicationBootstrap(): void {
    const { year, verified } = this.nextYear();
    if (verified) return;
    this.logger.warn(
      `the working-day calendar (${this.config.calendar.data.name}) is not verified for ${year}: deadlines counted into it use weekends and fixed holidays only and are flagged calendarUnverified; enter ${year}'s Kurban ait and transfer decree in libs/domain-kernel/src/kz-working-day-calendar.ts and list the year in verifiedYears`,
      'CalendarCoverage',
    );
  }
}
