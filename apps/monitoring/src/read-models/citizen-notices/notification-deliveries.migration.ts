import type { MigrationInterface, QueryRunner } from 'typeorm';
import { serviceSchema } from '@app/platform';
import { reportNoticeColumns } from './report-notices.columns';

/**
 * The case notices: the steps of a report's road case, as road-cases' events tell them, one row per report the case
 * answers, written in the consumer's inbox transaction (so once per event); the same columns as the report notices.
 * And what becomes of each notice (report_notices, the outbox the append writes): the webhook subscribers an
 * operator registered, the notices already fanned out (each once, to the reporter's e-mail and to every subscriber
 * of its kind), and the delivery log, one row per notice and recipient with its attempts, its last error and when it
 * is tried next; `seq` orders a recipient's deliveries, so a reporter never reads of a later step before an earlier. No address is stored here: the reporter's e-mail is read from their personal-data record when the
 * mail is sent, so an erased contact is never written to again.
 */
export class NotificationDeliveries1767600000100 implements MigrationInterface {
  name = 'NotificationDeliveries1767600000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = serviceSchema(runner);
    await runner.query(`
      CREATE TABLE "${s}".case_notices (
        ${reportNoticeColumns.definitions()}
      )`);
    await runner.query(`CREATE INDEX ON "${s}".case_notices (report_id)`);
    await runner.query(`CREATE INDEX ON "${s}".case_notices (occurred_at)`);
    await runner.query(`
      CREATE TABLE "${s}".webhook_subscribers (
        subscriber_id uuid PRIMARY KEY,
        url text NOT NULL,
        secret text NOT NULL,
        kinds text[] NOT NULL,
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".notification_fanouts (
        notice_id text PRIMARY KEY,
        fanned_out_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE "${s}".notification_deliveries (
        delivery_id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        notice_id text NOT NULL,
        report_id text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        subscriber_id uuid,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL,
        claimed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (notice_id, channel, subscriber_id),
        CHECK ((channel = 'webhook') = (subscriber_id IS NOT NULL))
      )`);
    // The e-mail of a notice has no subscriber: NULLs are distinct in UNIQUE, so this index keeps it to one.
    await runner.query(`
      CREATE UNIQUE INDEX notification_deliveries_one_email ON "${s}".notification_deliveries (notice_id)
       WHERE channel = 'email'`);
    await runner.query(`
      CREATE INDEX notification_deliveries_due ON "${s}".notification_deliveries (next_attempt_at)
       WHERE status = 'pending'`);
    // A recipient's deliveries go out in order: what the claim asks of an earlier pending one.
    await runner.query(`
      CREATE INDEX notification_deliveries_email_order ON "${s}".notification_deliveries (report_id, seq)
       WHERE status = 'pending' AND channel = 'email'`);
    await runner.query(`
      CREATE INDEX notification_deliveries_webhook_order ON "${s}".notification_deliveries (subscriber_id, seq)
       WHERE status = 'pending' AND channel = 'webhook'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = serviceSchema(runner);
    await runner.query(`DROP TABLE "${s}".notification_deliveries`);
    await runner.query(`DROP TABLE "${s}".notification_fanouts`);
    await runner.query(`DROP TABLE "${s}".webhook_subscribers`);
    await runner.query(`DROP TABLE "${s}".case_notices`);
  }
}
