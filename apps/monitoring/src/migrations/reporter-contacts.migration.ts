import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporters' contacts: personal data, kept apart from the public report and out of every event (so out of Kafka
 * and of the hash chains). Written in the report's append transaction; read only for moderators.
 */
export class ReporterContacts1764500000001 implements MigrationInterface {
  name = 'ReporterContacts1764500000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`
      CREATE TABLE "${schema}".reporter_contacts (
        report_id text PRIMARY KEY,
        name text,
        phone text,
        email text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`DROP TABLE "${schema}".reporter_contacts`);
  }
}
