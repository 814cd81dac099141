import pg from 'pg';
import { serviceDefinition as budgetsService } from '../../apps/budgets/src/budgets.service-definition';
import { createTestDatabase, http, serviceEnv, startServiceProcess, type TestDatabase } from '@app/testing';

// Several instances starting together on an empty database: each migration is applied exactly once (by the owner
// role, which then grants the runtime role under the same lock: concurrent GRANTs on one table would fail).
describe('migrations at start under an advisory lock', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('three budgets instances starting at once all become ready and the schema is migrated once', async () => {
    const env = serviceEnv(db.url, 'migrations');
    const instances = await Promise.all([1, 2, 3].map(() => startServiceProcess('budgets', env)));
    try {
      for (const instance of instances) {
        expect((await http('GET', `${instance.url}/health/ready`)).status).toBe(200);
      }
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT name, count(*)::int AS times FROM budgets.migrations GROUP BY name');
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'budgets'`,
      );
      await client.end();
      const expected = budgetsService.migrations.map((m) => new m().name as string).sort();
      expect(rows.map((r) => r.name).sort()).toEqual(expected);
      expect(rows.every((r) => r.times === 1)).toBe(true);
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'daily_event_counts',
          'dead_letters',
          'events',
          'inbox',
          'migrations',
          'projection_checkpoints',
          'received_pings',
          'stream_index',
        ]),
      );
      const applied = instances.filter((i) => /applied migrations: .*EventStoreTables/.test(i.output()));
      expect(applied).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  });
});
