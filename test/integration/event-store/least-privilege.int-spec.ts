import pg from 'pg';
import { serviceDefinition as roadCasesService } from '../../../apps/road-cases/src/road-cases.service-definition';
import {
  appendOnlyTables,
  createServiceDataSource,
  grantRuntimePrivileges,
  JsonLogger,
  migrateServiceSchema,
  type Queryable,
} from '@app/platform';
import { bearer, http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import { INSPECTOR_POTHOLE_CASE } from '../../support/report-bodies';

// The append-only guard of the events table is a trigger, and a table's owner may disable its triggers: so the service
// must not run as the owner. road-cases migrates as the database's owner role, which then grants the runtime role
// it runs as SELECT and INSERT on the append-only tables only. Here, as each role, what it can and cannot do.
describe('least privilege: the service runs as a role that may only read and append its events', () => {
  const SCHEMA = 'road_cases';
  const { db, service } = spawnedService('road-cases', 'least_privilege', {
    env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' },
    after: async () => {
      await runtime?.end();
      await owner?.end();
    },
  });
  let runtime: pg.Client;
  let owner: pg.Client;

  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  };
  /** The error the statement fails with (fails the test when it succeeds). */
  const refusal = async (client: pg.Client, sql: string): Promise<{ code?: string; message: string }> => {
    try {
      await client.query(sql);
    } catch (error) {
      return error as { code?: string; message: string };
    }
    throw new Error(`expected a refusal, but it ran: ${sql}`);
  };
  const userOf = (url: string) => new URL(url).username;

  async function openCase(): Promise<string> {
    const opened = await http('POST', `${service.url}/cases`, {
      headers: bearer('inspector'),
      body: INSPECTOR_POTHOLE_CASE,
    });
    expect(opened.status).toBe(201);
    const read = await http('GET', `${service.url}/cases/${opened.body.id}`, { headers: bearer('official') });
    expect(read.body).toMatchObject({ status: 'opened', version: 1 });
    return opened.body.id;
  }

  beforeAll(async () => {
    runtime = await connect(db.runtimeUrl);
    owner = await connect(db.ownerUrl);
  });

  it('migrates as the owner, runs as the runtime role, and serves a command end to end', async () => {
    expect(service.output()).toContain(`migrated as ${userOf(db.ownerUrl)}; runs as ${userOf(db.runtimeUrl)}`);
    expect(service.output()).not.toContain('DATABASE_OWNER_URL is not set');
    await openCase();
    const sessions = await owner.query(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND application_name = 'road-cases'`,
      [db.name],
    );
    expect(sessions.rows.map((r) => r.usename)).toEqual([userOf(db.runtimeUrl)]);
  });

  it('the runtime role is no superuser and does not own the schema', async () => {
    const {
      rows: [role],
    } = await runtime.query(
      `SELECT current_user AS name, rolsuper, (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1) AS schema_owner
         FROM pg_roles WHERE rolname = current_user`,
      [SCHEMA],
    );
    expect(role).toEqual({ name: userOf(db.runtimeUrl), rolsuper: false, schema_owner: userOf(db.ownerUrl) });
    const {
      rows: [tables],
    } = await runtime.query(
      `SELECT count(*)::int AS owned FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
      [SCHEMA],
    );
    expect(tables.owned).toBe(0);
  });

  it('as the runtime role: DISABLE TRIGGER fails (must be owner), UPDATE, DELETE and TRUNCATE of events are permission denied', async () => {
    for (const sql of [
      `ALTER TABLE ${SCHEMA}.events DISABLE TRIGGER ALL`,
      `ALTER TABLE ${SCHEMA}.events DISABLE TRIGGER events_append_only`,
    ]) {
      const error = await refusal(runtime, sql);
      expect({ sql, code: error.code, message: error.message }).toEqual({
        sql,
        code: '42501',
        message: 'must be owner of table events',
      });
    }
    // 42501 is also what the trigger raises: the message tells the privilege check (which comes first) from it.
    for (const sql of [
      `UPDATE ${SCHEMA}.events SET payload = '{}' WHERE global_position = (SELECT min(global_position) FROM ${SCHEMA}.events)`,
      `DELETE FROM ${SCHEMA}.events`,
      `TRUNCATE ${SCHEMA}.events`,
    ]) {
      const error = await refusal(runtime, sql);
      expect({ sql, code: error.code, message: error.message }).toEqual({
        sql,
        code: '42501',
        message: 'permission denied for table events',
      });
    }
    const {
      rows: [rights],
    } = await runtime.query(
      `SELECT has_table_privilege($1, 'SELECT') AS select, has_table_privilege($1, 'INSERT') AS insert, has_table_privilege($1, 'UPDATE') AS update,
              has_table_privilege($1, 'DELETE') AS delete, has_table_privilege($1, 'TRUNCATE') AS truncate, has_table_privilege($1, 'TRIGGER') AS trigger,
              has_table_privilege($1, 'REFERENCES') AS references`,
      [`${SCHEMA}.events`],
    );
    expect(rights).toEqual({
      select: true,
      insert: true,
      update: false,
      delete: false,
      truncate: false,
      trigger: false,
      references: false,
    });
  });

  it('as the runtime role: SELECT and INSERT on events work', async () => {
    const {
      rows: [{ events }],
    } = await runtime.query(`SELECT count(*)::int AS events FROM ${SCHEMA}.events`);
    expect(events).toBeGreaterThan(0);
    // Inside a transaction rolled back: the probe row proves the right and leaves no event that no stream chains to.
    await runtime.query('BEGIN');
    try {
      const inserted = await runtime.query(
        `INSERT INTO ${SCHEMA}.events (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata, occurred_at, previous_hash, hash)
         VALUES (gen_random_uuid(), 'Probe', 'least-privilege-probe', 1, 'Probed', 1, '{}', '{}', now(), repeat('0', 64), repeat('0', 64))
         RETURNING global_position`,
      );
      expect(inserted.rowCount).toBe(1);
    } finally {
      await runtime.query('ROLLBACK');
    }
  });

  it('as the runtime role: SELECT and INSERT only on every append-only table, row rights on the others, never TRUNCATE or TRIGGER, the migrations table read-only', async () => {
    const appendOnly = await appendOnlyTables(
      { query: async (sql, params) => (await runtime.query(sql, params as unknown[])).rows },
      SCHEMA,
    );
    expect(appendOnly).toContain('events');
    const { rows } = await runtime.query(
      `SELECT c.relname AS table, has_table_privilege(c.oid, 'UPDATE') AS update, has_table_privilege(c.oid, 'DELETE') AS delete,
              has_table_privilege(c.oid, 'INSERT') AS insert, has_table_privilege(c.oid, 'TRUNCATE') AS truncate, has_table_privilege(c.oid, 'TRIGGER') AS trigger
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname NOT IN ('events', 'migrations')`,
      [SCHEMA],
    );
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['projection_checkpoints', 'inbox']));
    for (const row of rows) {
      const rowRights = !appendOnly.includes(row.table);
      expect(row).toEqual({
        table: row.table,
        update: rowRights,
        delete: rowRights,
        insert: true,
        truncate: false,
        trigger: false,
      });
    }
    expect(
      (await refusal(runtime, `INSERT INTO ${SCHEMA}.migrations (timestamp, name) VALUES (1, 'Forged1')`)).message,
    ).toBe('permission denied for table migrations');
    expect((await runtime.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.migrations`)).rows[0].n).toBe(
      roadCasesService.migrations.length,
    );
  });

  it('as the owner: the same UPDATE is refused by the trigger, but DISABLE TRIGGER works, which is why the owner is not the runtime role', async () => {
    const update = `UPDATE ${SCHEMA}.events SET payload = '{}' WHERE global_position = (SELECT min(global_position) FROM ${SCHEMA}.events)`;
    const error = await refusal(owner, update);
    expect(error.message).toBe('events are append-only: UPDATE refused');
    await owner.query('BEGIN');
    try {
      await owner.query(`ALTER TABLE ${SCHEMA}.events DISABLE TRIGGER events_append_only`);
      expect((await owner.query(update)).rowCount).toBe(1);
    } finally {
      // Rolled back: the trigger is enabled again and the event untouched.
      await owner.query('ROLLBACK');
    }
    const {
      rows: [trigger],
    } = await owner.query(
      `SELECT tgenabled FROM pg_trigger WHERE tgname = 'events_append_only' AND tgrelid = '${SCHEMA}.events'::regclass`,
    );
    expect(trigger.tgenabled).toBe('O');
    await openCase();
    // Nothing the service does at run time (projections, outbox, the Merkle log's sequencer) needed more rights.
    expect(service.output()).not.toMatch(/permission denied|must be owner/);
  });

  it('the one grant rule covers an append-only table added later (a <table>_append_only trigger), with no change', async () => {
    const asOwner: Queryable = { query: async (sql, params) => (await owner.query(sql, params as unknown[])).rows };
    await owner.query(`CREATE TABLE ${SCHEMA}.probe_leaves (id bigserial PRIMARY KEY, leaf text NOT NULL)`);
    await owner.query(
      `CREATE FUNCTION ${SCHEMA}.probe_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'append-only'; END $$`,
    );
    await owner.query(
      `CREATE TRIGGER probe_leaves_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${SCHEMA}.probe_leaves FOR EACH STATEMENT EXECUTE FUNCTION ${SCHEMA}.probe_refuse()`,
    );
    await owner.query(`CREATE TABLE ${SCHEMA}.probe_board (id int PRIMARY KEY)`);
    // Granted once as a plain table would be, then the rule runs again (idempotent): the trigger decides.
    await owner.query(`GRANT ALL ON ${SCHEMA}.probe_leaves TO "${userOf(db.runtimeUrl)}"`);
    await grantRuntimePrivileges(asOwner, SCHEMA, userOf(db.runtimeUrl));
    await grantRuntimePrivileges(asOwner, SCHEMA, userOf(db.runtimeUrl));
    const rights = async (table: string) =>
      (
        await runtime.query(
          `SELECT array_agg(p ORDER BY p) AS granted FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) p
          WHERE has_table_privilege($1, p)`,
          [`${SCHEMA}.${table}`],
        )
      ).rows[0].granted;
    expect(await rights('probe_leaves')).toEqual(['INSERT', 'SELECT']);
    expect(await rights('probe_board')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    await runtime.query(`INSERT INTO ${SCHEMA}.probe_leaves (leaf) VALUES ('a')`);
    expect((await refusal(runtime, `UPDATE ${SCHEMA}.probe_leaves SET leaf = 'b'`)).message).toBe(
      'permission denied for table probe_leaves',
    );
  });

  it('a start in production is refused when the runtime role owns the schema or is a superuser, and allowed as the runtime role', async () => {
    const logger = new JsonLogger('least-privilege-test', 'error');
    const attempt = async (runtimeUrl: string) => {
      const ds = createServiceDataSource({
        databaseUrl: runtimeUrl,
        schema: SCHEMA,
        migrations: roadCasesService.migrations,
        applicationName: 'lp-test',
      });
      await ds.initialize();
      try {
        return await migrateServiceSchema(
          ds,
          {
            schema: SCHEMA,
            migrations: roadCasesService.migrations,
            applicationName: 'lp-test',
            ownerUrl: db.ownerUrl,
            production: true,
          },
          logger,
        );
      } finally {
        await ds.destroy();
      }
    };
    await expect(attempt(db.ownerUrl)).rejects.toThrow(
      new RegExp(`refusing to start in production .*${userOf(db.ownerUrl)} owns schema ${SCHEMA}`),
    );
    await expect(attempt(db.url)).rejects.toThrow(/refusing to start in production .* is a superuser/);
    await expect(attempt(db.runtimeUrl)).resolves.toBe(userOf(db.runtimeUrl));
  });
});
