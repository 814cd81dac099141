import type { InlineProjection } from './projection';

/** Every stream of the service with its type and current version: what auditors list and page through. */
export const streamIndexProjection: InlineProjection = {
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
  async apply(manager, events, table) {
    for (const e of events) {
      await manager.query(
        `INSERT INTO ${table} AS s (stream_id, stream_type, version, last_event_type, first_recorded_at, last_recorded_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT (stream_id) DO UPDATE
           SET version = GREATEST(s.version, EXCLUDED.version),
               last_event_type = CASE WHEN EXCLUDED.version > s.version THEN EXCLUDED.last_event_type ELSE s.last_event_type END,
               last_recorded_at = GREATEST(s.last_recorded_at, EXCLUDED.last_recorded_at)`,
        [e.streamId, e.streamType, e.streamVersion, e.type, e.recordedAt],
      );
    }
  },
};
