import { ConflictError } from '@app/platform';

/** A fine paid in a district whose local budget has no revenue line for the year yet: the message is refused, not lost. */
export class NoRevenueLineError extends ConflictError {
  constructor(district: string, fiscalYear: number) {
    super('no_revenue_line', `District ${district} has no fine revenue line for ${fiscalYear}`, { district, fiscalYear });
  }
}
