import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pings that reached this service from another one: the proof that its Kafka path works end to end. */
export class CreateReceivedPings1764150000000 implements MigrationInterface {
  name = 'CreateReceivedPings1764150000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`
      CREATE TABLE "${schema}".received_pings (
        ping_id uuid PRIMARY KEY,
        from_service text NOT NULL,
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${schema}".received_pings`);
  }
}
