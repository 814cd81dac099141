import type { DataSource } from 'typeorm';
import { WakeableSleep, type JsonLogger } from '@app/platform';
import type { ParkedRow } from '../inbox/inbox-batch';
import { EventsNotificationListener } from '../outbox/events-notification.listener';

export type ParkedMessage = ParkedRow & { id: string };

/** Parked messages whose wait may be over: the predecessor applied, or (for a fact) when due or woken. */
const READY = (schema: string) => `
  SELECT p.id::text AS id, p.topic, p.source_topic, p.partition, p."offset", p.message_key, p.value, p.headers, p.event_id::text AS event_id, p.event_type,
         p.stream_id, p.stream_version, p.reason, p.awaits, p.detail
    FROM "${schema}".parked_messages p
    LEFT JOIN "${schema}".upstream_streams u ON u.topic = p.topic AND u.stream_id = p.stream_id
   WHERE (p.reason = 'awaiting_predecessor' AND p.stream_version <= coalesce(u.last_version, 0) + 1)
      OR (p.reason = 'awaiting_fact' AND (p.next_attempt_at <= now() OR $1))
   ORDER BY p.topic, p.stream_id, p.stream_version
   LIMIT $2`;

const ROUND = 100;
/** Another instance may have parked something this one does not know of: look now and then even when idle. */
const IDLE_LOOK_EVERY = 6;

/**
 * Tries parked messages again, by itself: when a stream they wait behind moved (poke), when the service's own log
 * moved (a NOTIFY on its events channel: the fact a message waits for is one of this service's own events), and on a
 * schedule. Each goes back through the dispatcher's checks and chain in stream order, so what was parked applies in
 * version order. Runs on every instance: the inbox and the chain guard make a race harmless.
 */
export class ParkedRetrier {
  private stopped = true;
  private loop?: Promise<void>;
  private readonly sleeper = new WakeableSleep();
  private woken = false;
  private factsMoved = false;
  private mayHaveParked = true;
  private listener?: EventsNotificationListener;

  constructor(
    private readonly database: { dataSource: DataSource; schema: string },
    private readonly logger: JsonLogger,
    private readonly intervalMs: number,
    private readonly retry: (message: ParkedMessage) => Promise<void>,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const url = (this.database.dataSource.options as { url?: string }).url;
    if (url) {
      this.listener = new EventsNotificationListener(
        url,
        `${this.database.schema}_events`,
        () => this.factArrived(),
        this.logger,
      );
      void this.listener.start();
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wakeUp();
    await this.listener?.stop();
    await this.loop;
    this.loop = undefined;
  }

  /** A stream moved on: what waits behind it may go now. */
  poke(): void {
    if (!this.mayHaveParked) return;
    this.woken = true;
    this.sleeper.wakeUp();
  }

  /** Something was parked: the retries matter from now on. */
  noteParked(): void {
    this.mayHaveParked = true;
  }

  /** The service's own log moved: a fact a message waits for may have arrived. */
  factArrived(): void {
    if (!this.mayHaveParked) return;
    this.factsMoved = true;
    this.poke();
  }

  async drop(id: string): Promise<void> {
    await this.database.dataSource.query(`DELETE FROM "${this.database.schema}".parked_messages WHERE id = $1`, [id]);
  }

  /** One round now (tests, the operators' route): returns how many parked messages were tried. */
  async round(): Promise<number> {
    const facts = this.factsMoved;
    this.factsMoved = false;
    const rows: Array<Record<string, unknown>> = await this.database.dataSource.query(READY(this.database.schema), [
      facts,
      ROUND,
    ]);
    for (const row of rows) {
      if (this.stopped && this.loop) break;
      await this.retry(toParked(row));
    }
    if (rows.length === ROUND) this.woken = true;
    const [{ left }] = await this.database.dataSource.query(
      `SELECT count(*)::int AS left FROM "${this.database.schema}".parked_messages`,
    );
    this.mayHaveParked = left > 0;
    return rows.length;
  }

  private async run(): Promise<void> {
    let idle = 0;
    let failures = 0;
    while (!this.stopped) {
      if (!this.woken)
        await this.sleeper.sleep(failures > 0 ? Math.min(this.intervalMs * 2 ** failures, 60_000) : this.intervalMs);
      this.woken = false;
      if (this.stopped) break;
      if (!this.mayHaveParked && ++idle < IDLE_LOOK_EVERY) continue;
      idle = 0;
      try {
        await this.round();
        failures = 0;
      } catch (error) {
        // Most often the database or the broker is away; the partition consumers pause for the same reason.
        failures++;
        this.logger.warn(`parked messages: ${(error as Error).message}; trying again later`, 'Parked');
      }
    }
  }
}

function toParked(row: Record<string, unknown>): ParkedMessage {
  return {
    id: String(row.id),
    topic: String(row.topic),
    sourceTopic: String(row.source_topic),
    partition: Number(row.partition),
    offset: String(row.offset),
    key: (row.message_key as string | null) ?? null,
    value: String(row.value),
    headers: row.headers as Record<string, string>,
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    streamId: String(row.stream_id),
    streamVersion: Number(row.stream_version),
    reason: row.reason as ParkedRow['reason'],
    awaits: String(row.awaits),
    detail: String(row.detail),
  };
}
