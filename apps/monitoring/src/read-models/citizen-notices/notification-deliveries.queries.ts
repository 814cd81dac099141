import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ListFilter, listPage, PersonalDataStore, type ListPage, type Page } from '@app/platform';
import type { ReportNotice } from './report-notices.columns';
import { ALL_NOTICES, ReportNoticeQueries } from './report-notices.queries';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/** A delivery as the log shows it: never an address, never a subscriber's secret. */
export interface DeliveryRow {
  deliveryId: string;
  noticeId: string;
  channel: DeliveryChannel;
  subscriberId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A delivery claimed for one attempt, with its notice and (for a webhook) where and how to sign it. */
export interface ClaimedDelivery extends DeliveryRow {
  notice: ReportNotice;
  webhook: { url: string; secret: string } | null;
}

export interface WebhookSubscriber {
  subscriberId: string;
  url: string;
  kinds: string[];
  description: string;
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

const DELIVERY = `delivery_id AS "deliveryId", notice_id AS "noticeId", channel, subscriber_id AS "subscriberId",
  status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt", created_at AS "createdAt",
  delivered_at AS "deliveredAt"`;
const SUBSCRIBER = `subscriber_id AS "subscriberId", url, kinds, description, active, created_by AS "createdBy",
  created_at AS "createdAt"`;
/**
 * The notification outbox's moving parts, in one place: fanning a notice out to its recipients (once), claiming due
 * deliveries (SKIP LOCKED, and a claim that expires, so two instances never send one delivery at once and a crashed
 * one's claim is taken over), recording each attempt, the subscribers, and the delivery log.
 */
@Injectable()
export class NotificationDeliveryQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalDataStore,
    private readonly notices: ReportNoticeQueries,
  ) {}

  /**
   * Fans the oldest notices not yet fanned out (and recorded after `since`) out to their recipients, in one
   * transaction: the reporter's e-mail when e-mail is on and their record holds an address, and every active
   * subscriber of the notice's kind. Returns how many deliveries it created.
   */
  async fanOut(options: { since: Date; limit: number; email: boolean }): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: { notice_id: string; report_id: string; kind: string }[] = await manager.query(
        `WITH due AS (
           SELECT n.notice_id, n.report_id, n.kind FROM ${ALL_NOTICES} n
            WHERE n.occurred_at > $1
              AND NOT EXISTS (SELECT 1 FROM notification_fanouts f WHERE f.notice_id = n.notice_id)
            ORDER BY n.occurred_at, n.notice_id LIMIT $2),
         fanned AS (
           INSERT INTO notification_fanouts (notice_id) SELECT notice_id FROM due
           ON CONFLICT DO NOTHING RETURNING notice_id)
         SELECT due.* FROM due JOIN fanned USING (notice_id)`,
        [options.since, options.limit],
      );
      if (claimed.length === 0) return 0;
      let created = 0;
      if (options.email) {
        const records = await this.personalData.findMany([...new Set(claimed.map((c) => c.report_id))], manager);
        const mailed = claimed.filter((c) => typeof records.get(c.report_id)?.fields.email === 'string');
        created += await this.insertEmails(manager, mailed);
      }
      const rows: { count: number }[] = await manager.query(
        `WITH inserted AS (
           INSERT INTO notification_deliveries
             (delivery_id, notice_id, report_id, channel, subscriber_id, status, next_attempt_at)
           SELECT gen_random_uuid(), c.notice_id, c.report_id, 'webhook', s.subscriber_id, 'pending', now()
             FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c (notice_id, report_id, kind, n)
             JOIN webhook_subscribers s ON s.active AND c.kind = ANY (s.kinds)
            ORDER BY c.n
           ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*)::int AS count FROM inserted`,
        [claimed.map((c) => c.notice_id), claimed.map((c) => c.report_id), claimed.map((c) => c.kind)],
      );
      return created + rows[0].count;
    });
  }

  private async insertEmails(manager: EntityManager, notices: { notice_id: string; report_id: string }[]) {
    if (notices.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_deliveries (delivery_id, notice_id, report_id, channel, status, next_attempt_at)
       SELECT gen_random_uuid(), c.notice_id, c.report_id, 'email', 'pending', now()
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c (notice_id, report_id, n) ORDER BY c.n
       ON CONFLICT DO NOTHING RETURNING 1`,
      [notices.map((c) => c.notice_id), notices.map((c) => c.report_id)],
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` due deliveries of the given channels for `claimMs`, counting the attempt: for each recipient
   * (a report's e-mail, a subscriber) only its earliest pending one, so they arrive in the order of the changes.
   */
  async claimDue(channels: DeliveryChannel[], limit: number, claimMs: number): Promise<ClaimedDelivery[]> {
    if (channels.length === 0) return [];
    const claimed: DeliveryRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE notification_deliveries d
            SET attempts = d.attempts + 1, claimed_until = now() + make_interval(secs => $3::double precision / 1000)
          WHERE d.delivery_id IN (
            SELECT x.delivery_id FROM notification_deliveries x
             WHERE x.status = 'pending' AND x.next_attempt_at <= now() AND x.channel = ANY ($1::text[])
               AND (x.claimed_until IS NULL OR x.claimed_until < now())
               AND NOT EXISTS (
                 SELECT 1 FROM notification_deliveries e
                  WHERE e.status = 'pending' AND e.channel = x.channel AND e.seq < x.seq
                    AND (CASE WHEN x.channel = 'email' THEN e.report_id = x.report_id
                              ELSE e.subscriber_id = x.subscriber_id END))
             ORDER BY x.next_attempt_at LIMIT $2 FOR UPDATE OF x SKIP LOCKED)
         RETURNING d.*)
       SELECT ${DELIVERY} FROM claimed ORDER BY next_attempt_at`,
      [channels, limit, claimMs],
    );
    if (claimed.length === 0) return [];
    const notices = await this.notices.byIds([...new Set(claimed.map((d) => d.noticeId))]);
    const hooks = await this.webhookTargets(claimed.flatMap((d) => (d.subscriberId ? [d.subscriberId] : [])));
    return claimed.map((d) => ({
      ...d,
      notice: notices.get(d.noticeId)!,
      webhook: d.subscriberId ? (hooks.get(d.subscriberId) ?? null) : null,
    }));
  }

  private async webhookTargets(ids: string[]): Promise<Map<string, { url: string; secret: string }>> {
    if (ids.length === 0) return new Map();
    const rows: { subscriberId: string; url: string; secret: string }[] = await this.dataSource.query(
      `SELECT subscriber_id AS "subscriberId", url, secret FROM webhook_subscribers WHERE active AND subscriber_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.subscriberId, { url: r.url, secret: r.secret }]));
  }

  async delivered(deliveryId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries SET status = 'delivered', delivered_at = now(), claimed_until = NULL,
              last_error = NULL WHERE delivery_id = $1`,
      [deliveryId],
    );
  }

  /** A failed attempt: tried again at `retryAt`, or given up (failed) when there is none; `cancelled` needs no retry. */
  async attemptFailed(deliveryId: string, error: string, retryAt: Date | null, status?: 'cancelled'): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = $4, last_error = $2, next_attempt_at = COALESCE($3, next_attempt_at), claimed_until = NULL
        WHERE delivery_id = $1`,
      [deliveryId, error, retryAt, status ?? (retryAt ? 'pending' : 'failed')],
    );
  }

  log(filter: { channel?: string; status?: string; subscriberId?: string; noticeId?: string }, page: Page) {
    const where = new ListFilter()
      .add('channel = ?', filter.channel)
      .add('status = ?', filter.status)
      .add('subscriber_id = ?::uuid', filter.subscriberId)
      .add('notice_id = ?', filter.noticeId);
    return listPage<DeliveryRow>(this.dataSource, {
      table: 'notification_deliveries',
      columns: DELIVERY,
      filter: where,
      orderBy: 'created_at DESC, delivery_id',
      page,
    });
  }

  async addSubscriber(subscriber: {
    subscriberId: string;
    url: string;
    secret: string;
    kinds: string[];
    description: string;
    createdBy: string;
  }): Promise<WebhookSubscriber> {
    const rows: WebhookSubscriber[] = await this.dataSource.query(
      `INSERT INTO webhook_subscribers (subscriber_id, url, secret, kinds, description, created_by)
       VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${SUBSCRIBER}`,
      [
        subscriber.subscriberId,
        subscriber.url,
        subscriber.secret,
        subscriber.kinds,
        subscriber.description,
        subscriber.createdBy,
      ],
    );
    return rows[0];
  }

  subscribers(page: Page): Promise<ListPage<WebhookSubscriber>> {
    return listPage<WebhookSubscriber>(this.dataSource, {
      table: 'webhook_subscribers',
      columns: SUBSCRIBER,
      filter: new ListFilter(),
      orderBy: 'created_at DESC, subscriber_id',
      page,
    });
  }

  /** Stops a subscriber's future deliveries (its log stays); the subscriber as it is now, or undefined. */
  async deactivate(subscriberId: string): Promise<WebhookSubscriber | undefined> {
    const rows: [WebhookSubscriber[], number] = await this.dataSource.query(
      `UPDATE webhook_subscribers SET active = false WHERE subscriber_id = $1 RETURNING ${SUBSCRIBER}`,
      [subscriberId],
    );
    return rows[0][0];
  }
}
