import { Gauge, type Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';

export interface CheckpointLag {
  /** Committed events past the reader's checkpoint. */
  events: number;
  /** Age of the oldest of them (0 when there is none). */
  seconds: number;
}

/** How far each checkpointed reader (a projection, the outbox relay) is behind the log, by checkpoint name. */
export async function checkpointLag(
  db: DataSource | EntityManager,
  schema: string,
  names: string[],
): Promise<Map<string, CheckpointLag>> {
  const rows: Array<{ name: string } & CheckpointLag> = await db.query(
    `SELECT n.name, count(e.global_position)::int AS events, coalesce(extract(epoch FROM now() - min(e.recorded_at)), 0)::float AS seconds
       FROM unnest($1::text[]) AS n(name)
       LEFT JOIN "${schema}".projection_checkpoints c ON c.name = n.name
       LEFT JOIN "${schema}".events e
         ON (e.transaction_id, e.global_position) > (coalesce(c.last_transaction_id, '0'::xid8), coalesce(c.last_position, 0))
      GROUP BY n.name`,
    [names],
  );
  return new Map(rows.map((r) => [r.name, { events: r.events, seconds: r.seconds }]));
}

/**
 * Gauges `<prefix>_events` and `<prefix>_seconds` of checkpointed readers, asked of the database at scrape time in one
 * query for both. `labels` maps a checkpoint name to the gauge's labels (none: one reader, unlabelled). While the
 * database is away they keep their last values: one failed query must not fail the whole scrape.
 */
export function registerCheckpointLagGauges(
  registry: Registry,
  db: DataSource,
  schema: string,
  readers: Array<{ checkpoint: string; labels?: Record<string, string> }>,
  prefix: string,
  what: string,
): void {
  let inFlight: Promise<Map<string, CheckpointLag> | undefined> | undefined;
  const lag = () =>
    (inFlight ??= checkpointLag(
      db,
      schema,
      readers.map((r) => r.checkpoint),
    )
      .catch(() => undefined)
      .finally(() => (inFlight = undefined)));
  const labelNames = [...new Set(readers.flatMap((r) => Object.keys(r.labels ?? {})))];
  const gauge = (unit: keyof CheckpointLag, help: string) =>
    new Gauge({
      name: `${prefix}_${unit}`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const lags = await lag();
        for (const reader of readers) {
          const value = lags?.get(reader.checkpoint)?.[unit];
          if (value !== undefined) this.set(reader.labels ?? {}, value);
        }
      },
    });
  gauge('events', `Committed events ${what} has not yet handled`);
  gauge('seconds', `Age of the oldest event ${what} has not yet handled`);
}
