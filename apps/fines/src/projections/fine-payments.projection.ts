import type { InlineProjection } from '@app/event-store';
import type { FinePaid } from '../domain/fine.events';
import { FINE_STREAM } from './fine-board.projection';

/**
 * Every payment reference booked, on which fine: a reference is one payment, so it may be booked once across all
 * fines. Written in the payment's own append transaction, so two concurrent bookings cannot both commit.
 */
export const finePaymentsProjection: InlineProjection = {
  name: 'fine-payments',
  table: 'fine_payments',
  mode: 'inline',
  handles: (event) => event.streamType === FINE_STREAM && event.type === 'FinePaid',
  createTable: (table) => `
    CREATE TABLE ${table} (
      payment_id text PRIMARY KEY,
      fine_id text NOT NULL,
      amount_tiyn bigint NOT NULL,
      paid_at timestamptz NOT NULL
    )`,
  async apply(manager, events, table) {
    for (const event of events) {
      const d = event.data as FinePaid['data'];
      await manager.query(`INSERT INTO ${table} (payment_id, fine_id, amount_tiyn, paid_at) VALUES ($1, $2, $3, $4)`, [
        d.paymentId,
        event.streamId,
        d.amountTiyn,
        d.paidAt,
      ]);
    }
  },
};
