import { schemaMigration } from '@app/platform';

/**
 * What a consumer keeps of each upstream stream it reads (the last version and hash it applied: every consumer is a
 * witness of each chain), and the messages it parked until a predecessor or another fact arrives.
 */
export const CreateConsumerContinuity1764450000000 = schemaMigration('CreateConsumerContinuity1764450000000', {
  up: (s) => [
    `
      CREATE TABLE "${s}".upstream_streams (
        topic text NOT NULL,
        stream_id text NOT NULL,
        last_version int NOT NULL,
        last_hash text NOT NULL,
        -- The version this row held before its last change: the guard of a concurrent advance (see InboxBatch).
        previous_version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, stream_id)
      )`,
    // Raised with SQLSTATE 40001 so that the consumer treats a lost race like any serialization failure: retry.
    `
      CREATE FUNCTION "${s}".assert_chain_advanced(expected bigint, advanced bigint) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF expected <> advanced THEN
          RAISE EXCEPTION 'an upstream stream''s chain state moved concurrently (% of % advanced)', advanced, expected
            USING ERRCODE = 'serialization_failure';
        END IF;
      END $$`,
    `
      CREATE TABLE "${s}".parked_messages (
        id bigserial PRIMARY KEY,
        -- The logical topic (chain states are kept by it) and the topic as on the broker (where dead letters go).
        topic text NOT NULL,
        source_topic text NOT NULL,
        partition int NOT NULL,
        "offset" text NOT NULL,
        message_key text,
        value text NOT NULL,
        headers jsonb NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        reason text NOT NULL CHECK (reason IN ('awaiting_predecessor', 'awaiting_fact')),
        awaits text NOT NULL,
        detail text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        parked_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (topic, event_id)
      )`,
    `CREATE INDEX parked_messages_stream ON "${s}".parked_messages (topic, stream_id, stream_version)`,
  ],
  down: (s) => [
    `DROP TABLE "${s}".parked_messages`,
    `DROP FUNCTION "${s}".assert_chain_advanced(bigint, bigint)`,
    `DROP TABLE "${s}".upstream_streams`,
  ],
});
