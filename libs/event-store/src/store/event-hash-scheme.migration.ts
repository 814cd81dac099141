import { schemaMigration } from '@app/platform';

/**
 * events.hash_scheme: how each row's hash was computed (see HashScheme in integrity/event-hash.ts). Rows that exist
 * when this runs were hashed with scheme 1 and keep it (the column's default); the event store writes every new row
 * with scheme 2, which also covers event_id, stream_type and recorded_at (set by the application at append).
 * ADD COLUMN with a constant default is a catalogue change, not an UPDATE, so the append-only trigger (statement-level,
 * BEFORE UPDATE OR DELETE OR TRUNCATE) neither fires nor needs to change.
 */
export const EventHashScheme1764800000000 = schemaMigration('EventHashScheme1764800000000', {
  up: (s) => [
    `
      ALTER TABLE "${s}".events
        ADD COLUMN hash_scheme smallint NOT NULL DEFAULT 1 CONSTRAINT events_hash_scheme_known CHECK (hash_scheme IN (1, 2))`,
  ],
  /** Dropping the column loses which rows are scheme 2: they would no longer verify as scheme 1. */
  down: (s) => [`ALTER TABLE "${s}".events DROP COLUMN hash_scheme`],
});
