import { schemaMigration } from '@app/platform';

/**
 * The inbox's key led by the event id: (event_id, consumer) instead of (consumer, event_id). A run of messages
 * (InboxBatch) looks up the rows of its event ids for every consumer at once, which the old key could not serve, so
 * each run scanned the whole inbox: 1.5 ms at 30,000 rows, growing with every message ever handled (bench:messaging
 * spent more CPU on that scan than on anything else in Postgres). A single message's look-up names both columns and
 * is served either way; ON CONFLICT (consumer, event_id) infers the same unique index, whose column order it ignores.
 */
export const InboxEventFirstKey1768000000000 = schemaMigration('InboxEventFirstKey1768000000000', {
  up: (s) => [
    `ALTER TABLE "${s}".inbox DROP CONSTRAINT inbox_pkey, ADD CONSTRAINT inbox_pkey PRIMARY KEY (event_id, consumer)`,
  ],
  down: (s) => [
    `ALTER TABLE "${s}".inbox DROP CONSTRAINT inbox_pkey, ADD CONSTRAINT inbox_pkey PRIMARY KEY (consumer, event_id)`,
  ],
});
