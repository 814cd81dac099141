import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dead letters of the in-process bus (the embedded default has no Kafka topic to keep them in). */
export class CreateDeadLetters1764250000000 implements MigrationInterface {
  name = 'CreateDeadLetters1764250000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`
      CREATE TABLE "${schema}".dead_letters (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        message_key text,
        value text NOT NULL,
        headers jsonb NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${schema}".dead_letters`);
  }
}
