import type { InlineProjection } from './projection';
import { statementProjection } from './statement-projection';

/** Every stream of the service with its type and current version: what auditors list and page through. */
export const streamIndexProjection: InlineProjection = statementProjection({
  name: 'stream-index',
  table: 'stream_index',
  mode: 'inline',
  handles: () => true,
  createTable: (table) => `
    CREATE TABLE ${table} (
      stream_id text PRIMARY KEY,
      stream_type text NOT NULL,
      version integer NOT NULL,
      last_event_type text NOT NULL,
      first_recorded_at timestamptz NOT NULL,
      last_recorded_at timestamptz NOT NULL
    )`,
  reads: ['stream_id', 'stream_type', 'stream_version', 'event_type', 'recorded_at'],
  // One row per stream (its latest event, with its earliest time), one statement however many events.
  statement: (from, table) => `
    INSERT INTO ${table} AS s (stream_id, stream_type, version, last_event_type, first_recorded_at, last_recorded_at)
    SELECT DISTINCT ON (stream_id) stream_id, stream_type, stream_version, event_type,
           min(recorded_at) OVER (PARTITION BY stream_id), max(recorded_at) OVER (PARTITION BY stream_id)
      FROM ${from}
     ORDER BY stream_id, stream_version DESC
    ON CONFLICT (stream_id) DO UPDATE
      SET version = GREATEST(s.version, EXCLUDED.version),
          last_event_type = CASE WHEN EXCLUDED.version > s.version THEN EXCLUDED.last_event_type ELSE s.last_event_type END,
          first_recorded_at = LEAST(s.first_recorded_at, EXCLUDED.first_recorded_at),
          last_recorded_at = GREATEST(s.last_recorded_at, EXCLUDED.last_recorded_at)`,
});
