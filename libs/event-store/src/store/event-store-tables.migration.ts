import { schemaMigration } from '@app/platform';

/**
 * The event store's tables, one definition for every service schema:
 * - events: append-only (a trigger refuses UPDATE and DELETE), unique (stream_id, stream_version), hash-chained;
 *   transaction_id lets readers wait for in-flight transactions instead of skipping their events.
 * - projection_checkpoints: where each asynchronous reader (projections, the outbox relay) has got to.
 * - inbox: events a consumer has already handled, written in the same transaction as the handler's effects.
 */
export const EventStoreTables1764200000000 = schemaMigration('EventStoreTables1764200000000', {
  up: (s) => [
    `
      CREATE TABLE "${s}".events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL UNIQUE,
        stream_type text NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version > 0),
        event_type text NOT NULL,
        schema_version integer NOT NULL CHECK (schema_version > 0),
        payload jsonb NOT NULL,
        metadata jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`,
    `CREATE INDEX events_transaction_order ON "${s}".events (transaction_id, global_position)`,
    `CREATE INDEX events_correlation ON "${s}".events ((metadata->>'correlationId'))`,
    `
      CREATE FUNCTION "${s}".events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`,
    `
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${s}".events
      FOR EACH STATEMENT EXECUTE FUNCTION "${s}".events_append_only()`,
    `
      CREATE TABLE "${s}".projection_checkpoints (
        name text PRIMARY KEY,
        last_transaction_id xid8 NOT NULL DEFAULT '0',
        last_position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE "${s}".inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
  ],
  down: (s) => [
    `DROP TABLE "${s}".inbox`,
    `DROP TABLE "${s}".projection_checkpoints`,
    `DROP TABLE "${s}".events`,
    `DROP FUNCTION "${s}".events_append_only()`,
  ],
});
