import { tableMigration } from '../database/schema-migration';
import { PersonalData1767300000000 } from '../personal-data/personal-data.migration';

/**
 * The answers the service gave to POSTs carrying an Idempotency-Key, one row per (principal, key): the request's
 * SHA-256 (never the request itself, which may hold a person's contact or IIN), the stored answer, and a claim id
 * that lets only the request holding the claim complete or release it. An ordinary table: the runtime role reads
 * and writes it row by row (runtime-privileges.ts), and the sweep deletes rows older than a day.
 */
export const IdempotencyKeys1767100000000 = tableMigration('IdempotencyKeys1767100000000', 'idempotency_keys', {
  columns: `
        principal text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash char(64) NOT NULL,
        claim_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'done')),
        status integer CHECK (status BETWEEN 100 AND 599),
        headers jsonb NOT NULL DEFAULT '{}',
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (principal, key),
        CHECK (state = 'pending' OR (status IS NOT NULL AND body IS NOT NULL))`,
  indexes: (s) => [`CREATE INDEX idempotency_keys_created_at ON "${s}".idempotency_keys (created_at)`],
});

/** The tables every service has because of the shared runtime; each service lists them in its migrations. */
export const platformMigrations = [IdempotencyKeys1767100000000, PersonalData1767300000000];
