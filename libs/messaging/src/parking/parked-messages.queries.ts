import type { DataSource } from 'typeorm';
import type { ListPage, Page } from '@app/platform';

export interface ParkedSummary {
  id: string;
  topic: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  eventType: string;
  reason: 'awaiting_predecessor' | 'awaiting_fact';
  awaits: string;
  detail: string;
  attempts: number;
  parkedAt: string;
  nextAttemptAt: string;
}

export interface ParkedPage extends ListPage<ParkedSummary> {
  byReason: Record<string, number>;
}

/**
 * What waits in a service's parked messages, oldest first, a page at a time (the operators' route and CLI read the
 * same): `total` and `byReason` count every parked message, `items` holds the page's.
 */
export async function listParked(
  dataSource: DataSource,
  schema: string,
  page: Page = { page: 1, limit: 50 },
): Promise<ParkedPage> {
  const [counts, rows] = await Promise.all([
    dataSource.query(`SELECT reason, count(*)::int AS n FROM "${schema}".parked_messages GROUP BY reason`),
    dataSource.query(
      `SELECT id::text, topic, stream_id, stream_version, event_id::text, event_type, reason, awaits, detail, attempts, parked_at, next_attempt_at
         FROM "${schema}".parked_messages ORDER BY parked_at, id LIMIT $1 OFFSET $2`,
      [page.limit, (page.page - 1) * page.limit],
    ),
  ]);
  const byReason = Object.fromEntries((counts as Array<{ reason: string; n: number }>).map((c) => [c.reason, c.n]));
  return {
    total: Object.values(byReason).reduce((a, b) => a + b, 0),
    page: page.page,
    limit: page.limit,
    byReason,
    items: (rows as Array<Record<string, unknown>>).map((r) => ({
      id: String(r.id),
      topic: String(r.topic),
      streamId: String(r.stream_id),
      streamVersion: Number(r.stream_version),
      eventId: String(r.event_id),
      eventType: String(r.event_type),
      reason: r.reason as ParkedSummary['reason'],
      awaits: String(r.awaits),
      detail: String(r.detail),
      attempts: Number(r.attempts),
      parkedAt: (r.parked_at as Date).toISOString(),
      nextAttemptAt: (r.next_attempt_at as Date).toISOString(),
    })),
  };
}
