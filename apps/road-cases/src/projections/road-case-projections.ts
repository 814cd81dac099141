import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualified, type Projection } from '@app/event-store';
import { caseBoardProjection } from './case-board.projection';
import { knownContractsProjection } from './known-contracts.projection';

export const roadCaseProjections: Projection[] = [caseBoardProjection, knownContractsProjection];

export class RoadCaseReadModels1764400000000 implements MigrationInterface {
  name = 'RoadCaseReadModels1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    for (const p of roadCaseProjections) await runner.query(p.createTable(qualified(schema, p.table)));
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    for (const p of roadCaseProjections) await runner.query(`DROP TABLE ${qualified(schema, p.table)}`);
  }
}
