import { tableMigration } from '@app/platform';

/**
 * Events the outbox relay set aside instead of publishing: `quarantined` (its public payload failed its contract)
 * or `held` (a later event of a stream with an unpublished quarantined event, kept back so the stream stays in order).
 * An operator's release (npm run outbox:release) sets release_requested_at; the relay then publishes the stream's rows
 * in order and sets published_at. Events are never rewritten: a fix is an upcaster or a corrected contract.
 */
export const CreateOutboxQuarantine1764600000000 = tableMigration(
  'CreateOutboxQuarantine1764600000000',
  'outbox_quarantine',
  {
    columns: `
        event_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        global_position bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        event_type text NOT NULL,
        status text NOT NULL CHECK (status IN ('quarantined', 'held')),
        error text NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        release_requested_at timestamptz,
        published_at timestamptz`,
    indexes: (s) => [
      `
      CREATE INDEX outbox_quarantine_unpublished ON "${s}".outbox_quarantine (stream_id, global_position)
       WHERE published_at IS NULL`,
    ],
  },
);
