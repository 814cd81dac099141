import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reads of the payment register. */
@Injectable()
export class FinePayments {
  constructor(private readonly dataSource: DataSource) {}

  /** The fine a payment reference is booked on, if any. */
  async holder(paymentId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(`SELECT fine_id FROM fine_payments WHERE payment_id = $1`, [paymentId]);
    return row?.fine_id;
  }
}
