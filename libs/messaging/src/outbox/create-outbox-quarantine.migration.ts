import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events the outbox relay set aside instead of publishing: `quarantined` (its public payload failed its contract)
 * or `held` (a later event of a stream with an unpublished quarantined event, kept back so the stream stays in order).
 * An operator's release (npm run outbox:release) sets release_requested_at; the relay then publishes the stream's rows
 * in order and sets published_at. Events are never rewritten: a fix is an upcaster or a corrected contract.
 */
export class CreateOutboxQuarantine1764600000000 implements MigrationInterface {
  name = 'CreateOutboxQuarantine1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`
      CREATE TABLE "${schema}".outbox_quarantine (
        event_id uuid PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        global_position bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        event_type text NOT NULL,
        status text NOT NULL CHECK (status IN ('quarantined', 'held')),
        error text NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now(),
        release_requested_at timestamptz,
        published_at timestamptz
      )`);
    await runner.query(`
      CREATE INDEX outbox_quarantine_unpublished ON "${schema}".outbox_quarantine (stream_id, global_position)
       WHERE published_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${schema}".outbox_quarantine`);
  }
}
