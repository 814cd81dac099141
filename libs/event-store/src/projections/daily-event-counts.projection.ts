import { almatyDate } from '@app/domain-kernel';
import type { AsyncProjection } from './projection';

/** Events per type and day (Asia/Almaty): activity statistics, fed asynchronously. */
export const dailyEventCountsProjection: AsyncProjection = {
  name: 'daily-event-counts',
  table: 'daily_event_counts',
  mode: 'async',
  handles: () => true,
  createTable: (table) => `
    CREATE TABLE ${table} (
      event_type text NOT NULL,
      day date NOT NULL,
      events integer NOT NULL,
      PRIMARY KEY (event_type, day)
    )`,
  async apply(manager, events, table) {
    const counts = new Map<string, { type: string; day: string; n: number }>();
    for (const e of events) {
      const day = almatyDate(e.recordedAt);
      const key = `${e.type}|${day}`;
      const entry = counts.get(key) ?? { type: e.type, day, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    const rows = [...counts.values()];
    await manager.query(
      `INSERT INTO ${table} AS c (event_type, day, events)
       SELECT * FROM unnest($1::text[], $2::date[], $3::int[])
       ON CONFLICT (event_type, day) DO UPDATE SET events = c.events + EXCLUDED.events`,
      [rows.map((r) => r.type), rows.map((r) => r.day), rows.map((r) => r.n)],
    );
  },
};
