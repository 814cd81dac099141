import { Inject, Injectable } from '@nestjs/common';
import { JsonLogger, PeriodicSweep, PersonalDataStore } from '@app/platform';
import {
  NotificationDeliveryQueries,
  type ClaimedDelivery,
  type DeliveryChannel,
} from '../read-models/citizen-notices/notification-deliveries.queries';
import { EmailChannel } from './email-channel';
import { noticeEmail } from './notice-texts';
import { NOTIFICATIONS_CONFIG, retryDelayMs, smtpServerName, type NotificationsConfig } from './notifications.config';
import { WebhookChannel } from './webhook-channel';

const CONTEXT = 'NotificationDispatcher';
const BATCH = 50;
const MAX_ROUNDS = 20;
/** How long one attempt may hold its delivery before another instance may take it over. */
const CLAIM_MS = 60_000;
/**
 * Notices older than this are not fanned out: a rebuilt notice table (or the first start after an upgrade) holds the
 * whole history, and nobody should be mailed about last year's steps.
 */
const FANOUT_HORIZON_MS = 2 * 24 * 3600_000;

/** An address never goes into the delivery log or a log line, not even inside an SMTP server's error. */
export function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+/g, '[address]').slice(0, 500);
}

class Cancelled extends Error {}

/**
 * Sends what the notification outbox holds: fans each new notice out to its recipients (once), then makes one
 * attempt at each due delivery; a failed one is tried again after an exponential backoff (NOTIFICATIONS_RETRY_*)
 * until NOTIFICATIONS_MAX_ATTEMPTS, every attempt and the last error in the delivery log.
 */
@Injectable()
export class NotificationDispatcher extends PeriodicSweep {
  private running = false;

  constructor(
    private readonly deliveries: NotificationDeliveryQueries,
    private readonly personalData: PersonalDataStore,
    private readonly email: EmailChannel,
    private readonly webhooks: WebhookChannel,
    private readonly logger: JsonLogger,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    super(logger, config.pollMs, CONTEXT);
  }

  override onApplicationBootstrap(): void {
    this.logger.log(
      this.config.smtpUrl
        ? `e-mail to reporters on, through ${smtpServerName(this.config.smtpUrl)}`
        : 'e-mail to reporters off: SMTP_URL is unset (webhooks and feeds still work)',
      CONTEXT,
    );
    super.onApplicationBootstrap();
  }

  /** One round (overlapping rounds are skipped): the deliveries attempted. */
  async run(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const since = new Date(Date.now() - FANOUT_HORIZON_MS);
      while ((await this.deliveries.fanOut({ since, limit: BATCH, email: this.email.enabled })) > 0);
      const channels: DeliveryChannel[] = this.email.enabled ? ['email', 'webhook'] : ['webhook'];
      // Each claim holds one delivery per recipient; claim again while some arrive, so a burst goes out in one round.
      let attempted = 0;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const due = await this.deliveries.claimDue(channels, BATCH, CLAIM_MS);
        await Promise.all(due.map((delivery) => this.attempt(delivery)));
        attempted += due.length;
        if (due.length === 0) break;
      }
      return attempted;
    } finally {
      this.running = false;
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    try {
      if (delivery.channel === 'email') await this.sendEmail(delivery);
      else if (delivery.webhook) await this.webhooks.send(delivery.webhook, delivery.deliveryId, delivery.notice);
      else throw new Cancelled('the subscriber is gone');
      await this.deliveries.delivered(delivery.deliveryId);
    } catch (error) {
      const reason = withoutAddresses((error as Error).message || String(error));
      if (error instanceof Cancelled) {
        await this.deliveries.attemptFailed(delivery.deliveryId, reason, null, 'cancelled');
        return;
      }
      const retry = delivery.attempts < this.config.maxAttempts;
      const retryAt = retry ? new Date(Date.now() + retryDelayMs(this.config, delivery.attempts)) : null;
      await this.deliveries.attemptFailed(delivery.deliveryId, reason, retryAt);
      this.logger.warn(
        `${delivery.channel} delivery ${delivery.deliveryId} of notice ${delivery.noticeId}, attempt ${delivery.attempts}: ${reason}; ${
          retryAt ? `next at ${retryAt.toISOString()}` : 'given up'
        }`,
        CONTEXT,
      );
    }
  }

  /** The address is read now, from the report's personal-data record: an erased contact is not written to. */
  private async sendEmail(delivery: ClaimedDelivery): Promise<void> {
    const record = await this.personalData.find(delivery.notice.reportId);
    const to = record?.fields.email;
    if (!to) throw new Cancelled("the report's contact holds no e-mail address any more (erased)");
    await this.email.send({
      to,
      ...noticeEmail(delivery.notice),
      language: delivery.notice.language,
      messageId: `<${delivery.deliveryId}@notifications.integrity-square.local>`,
    });
  }
}
