import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What becomes of each report notice (report_notices, the outbox the append writes): the webhook subscribers an
 * operator registered, the notices already fanned out (each once, to the reporter's e-mail and to every subscriber
 * of its kind), and the delivery log, one row per notice and recipient with its attempts, its last error and when it
 * is tried next. No address is stored here: the reporter's e-mail is read from their personal-data record when the
 * mail is sent, so an erased contact is never written to again.
 */
export class NotificationDeliveries1767400000100 implements MigrationInterface {
  name = 'NotificationDeliveries1767400000100';

  async up(runner: QueryRunner): Promise<void> {
    const s = (runner.connection.options as { schema: string }).schema;
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
        notice_id text NOT NULL,
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
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${s}".notification_deliveries`);
    await runner.query(`DROP TABLE "${s}".notification_fanouts`);
    await runner.query(`DROP TABLE "${s}".webhook_subscribers`);
  }
}
