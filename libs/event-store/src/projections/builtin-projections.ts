import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dailyEventCountsProjection } from './daily-event-counts.projection';
import { qualified, type Projection } from './projection';
import { streamIndexProjection } from './stream-index.projection';

/** Projections every service has, whatever its domain. */
export const builtinProjections: Projection[] = [streamIndexProjection, dailyEventCountsProjection];

export class BuiltinProjectionTables1764200000001 implements MigrationInterface {
  name = 'BuiltinProjectionTables1764200000001';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    for (const projection of builtinProjections) await runner.query(projection.createTable(qualified(schema, projection.table)));
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    for (const projection of builtinProjections) await runner.query(`DROP TABLE ${qualified(schema, projection.table)}`);
  }
}
