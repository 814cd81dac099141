import { qualified } from '@app/event-store';
import { schemaMigration } from '@app/platform';
import {
  finePaymentsColumns,
  finePaymentsProjection,
  PAYMENT_COLUMN_LIST,
  type PaymentColumns,
} from './fine-payments.projection';

/** Each column of the register as read from a FinePaid row of the log. */
const FROM_LOG: PaymentColumns<string> = {
  payment_id: `payload->>'paymentId'`,
  fine_id: 'stream_id',
  amount_tiyn: `(payload->>'amountTiyn')::bigint`,
  paid_at: `(payload->>'paidAt')::timestamptz`,
};

/**
 * The payment register, filled from the payments already in the log. Where one reference was booked on several fines
 * before the rule existed, the first booking keeps it (by log position); the later ones stay in their fines' history.
 */
export const FinePayments1765100000000 = schemaMigration('FinePayments1765100000000', {
  up: (s) => {
    const table = qualified(s, finePaymentsProjection.table);
    return [
      finePaymentsProjection.createTable(table),
      `INSERT INTO ${table} (${PAYMENT_COLUMN_LIST})
       SELECT ${finePaymentsColumns.names.map((n) => FROM_LOG[n]).join(', ')}
         FROM "${s}".events WHERE event_type = 'FinePaid' ORDER BY global_position
       ON CONFLICT (payment_id) DO NOTHING`,
    ];
  },
  down: (s) => [`DROP TABLE ${qualified(s, finePaymentsProjection.table)}`],
});
