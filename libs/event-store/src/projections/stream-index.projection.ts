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
    // One row per stream per batch (its latest event), one statement per batch.
    const latest = new Map<string, (typeof events)[number]>();
    const first = new Map<string, Date>();
    for (const e of events) {
      if ((latest.get(e.streamId)?.streamVersion ?? 0) < e.streamVersion) latest.set(e.streamId, e);
      const seen = first.get(e.streamId);
      if (!seen || e.recordedAt < seen) first.set(e.streamId, e.recordedAt);
    }
    const rows = [...latest.values()];
    await manager.query(
      `INSERT INTO ${table} AS s (stream_id, stream_type, version, last_event_type, first_recorded_at, last_recorded_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::timestamptz[])
       ON CONFLICT (stream_id) DO UPDATE
         SET version = GREATEST(s.version, EXCLUDED.version),
             last_event_type = CASE WHEN EXCLUDED.version > s.version THEN EXCLUDED.last_event_type ELSE s.last_event_type END,
             first_recorded_at = LEAST(s.first_recorded_at, EXCLUDED.first_recorded_at),
             last_recorded_at = GREATEST(s.last_recorded_at, EXCLUDED.last_recorded_at)`,
      [
        rows.map((e) => e.streamId),
        rows.map((e) => e.streamType),
        rows.map((e) => e.streamVersion),
        rows.map((e) => e.type),
        rows.map((e) => first.get(e.streamId)),
        rows.map((e) => e.recordedAt),
      ],
    );
  },
};
