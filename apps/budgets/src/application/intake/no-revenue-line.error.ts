import { AwaitingFactError } from '@app/messaging';

/**
 * A fine paid in a district whose local budget has no revenue line for the year yet: the payment is parked, not
 * refused, and books itself once the line is published (the consumer retries parked messages when budgets' log moves).
 */
export class NoRevenueLineError extends AwaitingFactError {
  constructor(district: string, fiscalYear: number) {
    super(
      `fine revenue line of ${district} for ${fiscalYear}`,
      `District ${district} has no fine revenue line for ${fiscalYear}`,
    );
  }
}
