import { schemaMigration } from '@app/platform';

/** Created in this order, dropped in the reverse one (log_cosignatures refers to log_checkpoints). */
const APPEND_ONLY_TABLES = ['merkle_leaves', 'merkle_nodes', 'log_checkpoints', 'log_cosignatures'];

/**
 * The service's Merkle log (RFC 9162) over its events, and what it has signed:
 * - merkle_leaves: which event is leaf n, in the commit-safe order the outbox relay reads (transaction id, position),
 *   with a copy of its leaf data (event-leaf.ts), so audit:verify can name what was deleted, moved or retimed.
 * - merkle_nodes: the hashes of complete subtrees, (level, index); level 0 are the leaf hashes. A proof reads O(log n).
 * - log_checkpoints: each signed checkpoint (C2SP tlog-checkpoint in a signed note), by tree size.
 * - log_cosignatures: witnesses' cosignatures (C2SP tlog-cosignature) of those checkpoints.
 * All four only ever grow: like events, each carries an `<table>_append_only` trigger, and the runtime role is
 * granted SELECT and INSERT alone on every table with such a trigger.
 */
export const MerkleLogTables1765000000000 = schemaMigration('MerkleLogTables1765000000000', {
  up: (s) => [
    `
      CREATE TABLE "${s}".merkle_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        event_id uuid NOT NULL UNIQUE,
        global_position bigint NOT NULL,
        stream_type text NOT NULL,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        recorded_at timestamptz NOT NULL,
        event_hash char(64) NOT NULL,
        sequenced_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE "${s}".merkle_nodes (
        level smallint NOT NULL CHECK (level >= 0 AND level < 64),
        node_index bigint NOT NULL CHECK (node_index >= 0),
        hash bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, node_index)
      )`,
    `
      CREATE TABLE "${s}".log_checkpoints (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        note text NOT NULL,
        issued_at timestamptz NOT NULL
      )`,
    `
      CREATE TABLE "${s}".log_cosignatures (
        tree_size bigint NOT NULL REFERENCES "${s}".log_checkpoints (tree_size),
        witness_key text NOT NULL,
        witness_name text NOT NULL,
        signature_line text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tree_size, witness_key)
      )`,
    `
      CREATE FUNCTION "${s}".append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`,
    ...APPEND_ONLY_TABLES.map(
      (table) => `
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${s}".${table}
        FOR EACH STATEMENT EXECUTE FUNCTION "${s}".append_only()`,
    ),
  ],
  down: (s) => [
    ...[...APPEND_ONLY_TABLES].reverse().map((table) => `DROP TABLE "${s}".${table}`),
    `DROP FUNCTION "${s}".append_only()`,
  ],
});
