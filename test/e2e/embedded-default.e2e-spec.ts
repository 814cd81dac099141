import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SERVICE_NAMES, SERVICE_SCHEMAS } from '@app/contracts';
import { openNote, parseCheckpoint, parseVerifierKey } from '@app/transparency';
import { eventually, http, startServiceProcess, type ServiceProcess } from '@app/testing';

// `npm start` on a fresh machine: embedded PostgreSQL, the four services in one process, the in-process bus.
// The data folder survives a restart. Each service migrates as <schema>_owner and runs as <schema>_runtime.
describe('the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'embedded-default-'));
  let embedded: ServiceProcess | undefined;
  const ports = { BUDGETS_PORT: '0', MONITORING_PORT: '0', ROAD_CASES_PORT: '0', FINES_PORT: '0', CONSOLE_PORT: '0' };

  /** As root, Postgres's data lives where the postgres user can reach it (the start says where); removed with the test's. */
  const movedPostgresData = () =>
    embedded?.output().match(/^PostgreSQL data in (\/var\/lib\/integrity-square\/[0-9a-f]+)\/postgres:/m)?.[1];

  afterAll(async () => {
    const moved = movedPostgresData();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (moved) rmSync(moved, { recursive: true, force: true });
  });

  async function start(): Promise<Map<string, string>> {
    embedded = await startServiceProcess(
      'embedded',
      { INTEGRITY_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: '54349', ...ports },
      { waitForListening: false, timeoutMs: 120_000 },
    );
    await embedded.waitForOutput(/Stop with Ctrl\+C/, 120_000);
    const urls = new Map<string, string>();
    for (const name of SERVICE_NAMES) {
      const match = embedded.output().match(new RegExp(`^\\s+${name}\\s+(http://127\\.0\\.0\\.1:\\d+)`, 'm'));
      expect(match).not.toBeNull();
      urls.set(name, match![1]);
    }
    return urls;
  }

  it('starts all four services, prints a token per role, and a ping crosses the in-process bus', async () => {
    const urls = await start();
    for (const [name, url] of urls) {
      const ready = await http('GET', `${url}/health/ready`);
      expect({ name, status: ready.status }).toEqual({ name, status: 200 });
      expect(ready.body.checks['in-process-bus'].status).toBe('up');
    }
    const operatorToken = embedded!.output().match(/^\s+operator\s+(\S+)$/m)![1];
    for (const role of ['citizen', 'moderator', 'inspector', 'official', 'contractor', 'auditor']) {
      expect(embedded!.output()).toMatch(new RegExp(`^\\s+${role}\\s+eyJ`, 'm'));
    }
    const sent = await http('POST', `${urls.get('monitoring')}/ops/pings`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(sent.status).toBe(202);
    for (const to of ['budgets', 'road-cases', 'fines']) {
      await eventually(
        () =>
          http('GET', `${urls.get(to)}/ops/pings/${sent.body.pingId}`, {
            headers: { authorization: `Bearer ${operatorToken}` },
          }),
        (r) => r.status === 200,
        { what: `ping to ${to}` },
      );
    }

    // Restart on the same data folder: the received ping is still there, and the same secret still signs.
    const stopped = await embedded!.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    const again = await start();
    const kept = await http('GET', `${again.get('fines')}/ops/pings/${sent.body.pingId}`, {
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(kept.status).toBe(200);
  });

  async function asAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
    const admin = new pg.Client({ connectionString: 'postgres://postgres:postgres@127.0.0.1:54349/postgres' });
    await admin.connect();
    try {
      return await fn(admin);
    } finally {
      await admin.end();
    }
  }

  /** As the embedded server's superuser: who owns each schema, its tables and functions, and who the services' sessions are. */
  function roles() {
    return asAdmin(async (admin) => {
      const schemas = Object.values(SERVICE_SCHEMAS);
      const owners = await admin.query(
        `SELECT n.nspname AS schema, array_agg(DISTINCT pg_get_userbyid(o.owner)::text) AS owners
           FROM pg_namespace n CROSS JOIN LATERAL (
             SELECT n.nspowner AS owner UNION ALL SELECT relowner FROM pg_class WHERE relnamespace = n.oid
             UNION ALL SELECT proowner FROM pg_proc WHERE pronamespace = n.oid) o
          WHERE n.nspname = ANY($1) GROUP BY 1`,
        [schemas],
      );
      const sessions = await admin.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = ANY($1)`,
        [[...SERVICE_NAMES]],
      );
      return {
        owners: Object.fromEntries(owners.rows.map((r) => [r.schema, r.owners])),
        sessions: sessions.rows.map((r) => r.usename).sort(),
      };
    });
  }

  it("as root, keeps Postgres's data where the postgres user can reach it when the data folder is closed to it (mkdtemp: 0700), saying so in one line", () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const moved = movedPostgresData();
    if (process.getuid?.() === 0) {
      expect(moved).toBeDefined();
      expect(embedded!.output()).toContain(`the postgres user cannot enter ${dataDir}`);
      expect(statSync(join(moved!, 'postgres', 'PG_VERSION')).isFile()).toBe(true);
    } else {
      // Not root: Postgres runs as this user, who owns the folder; nothing moves.
      expect(moved).toBeUndefined();
    }
  });

  it('signs each Merkle log with a development key kept in <data dir>/keys, printing where its verifier key is', async () => {
    const keysDir = join(dataDir, 'keys');
    for (const name of SERVICE_NAMES) {
      expect(embedded!.output()).toMatch(
        new RegExp(`^\\s+${name}\\s+${join(keysDir, `${name}.vkey`).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'),
      );
      expect(statSync(join(keysDir, `${name}.skey`)).mode & 0o777).toBe(0o600);
    }
    const monitoring = embedded!.output().match(/^\s+monitoring\s+(http:\/\/127\.0\.0\.1:\d+)/m)![1];
    const citizen = embedded!.output().match(/^\s+citizen\s+(\S+)$/m)![1];
    const filed = await http('POST', `${monitoring}/reports`, {
      headers: { authorization: `Bearer ${citizen}` },
      body: {
        kind: 'road_defect',
        description: 'Pothole',
        road: {
          location: { lat: 42.9, lon: 71.37 },
          district: 'Taraz',
          address: 'Tole bi 1',
          defectType: 'pothole',
          photos: [],
        },
      },
    });
    expect(filed.status).toBe(201);
    const vkey = parseVerifierKey(readFileSync(join(keysDir, 'monitoring.vkey'), 'utf8').trim());
    const note = await eventually(
      () => http('GET', `${monitoring}/audit/checkpoint`),
      (r) => r.status === 200,
      { what: 'a checkpoint', timeoutMs: 30_000 },
    );
    expect(parseCheckpoint(openNote(String(note.body), [vkey]).text)).toMatchObject({
      origin: 'integrity-square.local/monitoring',
    });
  });

  it('runs each service as its runtime role, with the passwords kept (0600), and takes over a data folder from before the roles', async () => {
    const schemas = Object.values(SERVICE_SCHEMAS);
    expect(embedded!.output()).toMatch(
      new RegExp(`^PostgreSQL roles: .*${schemas.map((s) => `${s}_runtime`).join(', ')}`, 'm'),
    );
    const rolesFile = join(dataDir, 'database-roles.json');
    expect(statSync(rolesFile).mode & 0o777).toBe(0o600);
    const before = await roles();
    expect(before.owners).toEqual(Object.fromEntries(schemas.map((s) => [s, [`${s}_owner`]])));
    expect(before.sessions).toEqual(schemas.map((s) => `${s}_runtime`).sort());
    // A data folder from before: every schema and its objects owned by postgres, and no passwords file.
    await asAdmin(async (admin) => {
      for (const schema of schemas) {
        await admin.query(`ALTER SCHEMA ${schema} OWNER TO postgres`);
        const objects = await admin.query(
          `SELECT format('%s %I.%I', CASE relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, '${schema}', relname) AS o FROM pg_class
            WHERE relnamespace = '${schema}'::regnamespace AND relkind IN ('r', 'S') ORDER BY relkind = 'S'`,
        );
        // A serial's sequence follows its table, and refuses to be given away on its own (hence the catch).
        for (const { o } of objects.rows) await admin.query(`ALTER ${o} OWNER TO postgres`).catch(() => undefined);
        const functions = await admin.query(
          `SELECT oid::regprocedure::text AS f FROM pg_proc WHERE pronamespace = '${schema}'::regnamespace`,
        );
        for (const { f } of functions.rows) await admin.query(`ALTER ROUTINE ${f} OWNER TO postgres`);
      }
    });
    expect(Object.values((await roles()).owners)).toEqual(schemas.map(() => ['postgres']));
    rmSync(rolesFile);

    expect((await embedded!.stop('SIGTERM')).code).toBe(0);
    const urls = await start();
    const after = await roles();
    expect(after.owners).toEqual(Object.fromEntries(schemas.map((s) => [s, [`${s}_owner`]])));
    expect(after.sessions).toEqual(schemas.map((s) => `${s}_runtime`).sort());
    expect(statSync(rolesFile).mode & 0o777).toBe(0o600);
    for (const [name, url] of urls)
      expect({ name, status: (await http('GET', `${url}/health/ready`)).status }).toEqual({ name, status: 200 });
    expect(embedded!.output()).not.toMatch(/permission denied|must be owner/);
    // The keys were kept: after the restart the log's checkpoints still verify with the verifier key handed out before.
    const vkey = parseVerifierKey(readFileSync(join(dataDir, 'keys', 'monitoring.vkey'), 'utf8').trim());
    const note = await http('GET', `${urls.get('monitoring')}/audit/checkpoint`);
    expect(openNote(String(note.body), [vkey]).verified).toHaveLength(1);
  });
});
