import { inlineProjection, projectionTableDdl, ReadModelColumns } from '@app/event-store';
import type { FinePaid } from '../../domain/fine.events';
import { FINE_STREAM } from '../fine-board/fine-board.projection';

export const finePaymentsColumns = new ReadModelColumns({
  payment_id: { type: 'text', constraint: 'PRIMARY KEY' },
  fine_id: { type: 'text', constraint: 'NOT NULL' },
  amount_tiyn: { type: 'bigint', constraint: 'NOT NULL' },
  paid_at: { type: 'timestamptz', constraint: 'NOT NULL' },
});

/** The columns of fine_payments, each with what it is set to (a value or a SQL expression). */
export type PaymentColumns<V> = Record<(typeof finePaymentsColumns.names)[number], V>;

export const PAYMENT_COLUMN_LIST = finePaymentsColumns.names.join(', ');

/**
 * Every payment reference booked, on which fine: a reference is one payment, so it may be booked once across all
 * fines. Written in the payment's own append transaction, so two concurrent bookings cannot both commit.
 */
export const finePaymentsProjection = inlineProjection({
  name: 'fine-payments',
  table: 'fine_payments',
  handles: (event) => event.streamType === FINE_STREAM && event.type === 'FinePaid',
  createTable: (table) => projectionTableDdl(table, [finePaymentsColumns.definitions()]),
  async applyEvent(manager, table, event) {
    const d = event.data as FinePaid['data'];
    await finePaymentsColumns.insert(manager, table, {
      paymentId: d.paymentId,
      fineId: event.streamId,
      amountTiyn: d.amountTiyn,
      paidAt: d.paidAt,
    });
  },
});
