// What the benchmark scripts share: a scratch database, latency percentiles, the figures table, process sampling and
// small helpers.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { CommandMetadata } from '@app/domain-kernel';
import { createServiceDataSource, SERVICE_NODE_FLAGS, type MigrationClass } from '@app/platform';
import { fail, fmt, onInterrupt, redactUrl } from './cli-support';

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/**
 * A benchmark whose processes play services (they append, relay, consume) runs them with the services' Node flags
 * (SERVICE_NODE_FLAGS), as their start scripts do: npm starts the script with tsx's defaults, so a process without
 * them starts itself again with them, and this one only waits and exits as that one does. Without them V8 sized the
 * young generation from the machine's memory, bench:messaging's producer peaked at 363-377 MB against 177-217 MB,
 * and both processes' young collections grew together. Resolves true in the process that is to run the benchmark.
 */
export async function withServiceNodeFlags(): Promise<boolean> {
  const missing = SERVICE_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length === 0) return true;
  const child = spawn(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  // Ctrl-C reaches the child from the terminal (one process group) and it cleans up; a SIGTERM sent here is passed on.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.exitCode = await new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 1))),
  );
  return false;
}

/**
 * Milliseconds a fixed loop of arithmetic takes on one core: the same figure on a machine as fast as before. A
 * virtual machine's cores can be slowed down by its host (this one's ran the loop in 25 ms when fresh and about 85 ms
 * after an hour of benchmarks), and every figure with them; printed at the start and the end of each run, beside the
 * load.
 */
export function cpuReferenceMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 20_000_000; i++) sum += i % 7;
  const ms = performance.now() - started;
  // The sum is used, so the loop is not optimised away.
  return sum < 0 ? -1 : round(ms, 1);
}
export const log = (message: string) => process.stderr.write(`${message}\n`);

/** Metadata of a benchmark's commands: the clock and fresh ids reach the domain through the command. */
export const benchCommandMetadata = (): CommandMetadata => ({
  now: new Date(),
  actor: { id: 'bench', role: 'operator' },
  correlationId: randomUUID(),
  requestId: randomUUID(),
});

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  name: string;
  /** The server's URL naming the scratch database. */
  url: string;
  /** The server's URL as it may be printed. */
  server: string;
  /** Drops it (connections forced out); false, with a line on stderr, when it could not. */
  drop(): Promise<boolean>;
}

/**
 * Creates the database `name` on the server DATABASE_URL names (default: the local one; the role needs CREATEDB),
 * or exits 2 saying why it could not.
 */
export async function createScratchDatabase(name: string, applicationName: string): Promise<ScratchDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_URL;
  log(
    `server: ${redactUrl(serverUrl)}${process.env.DATABASE_URL ? ' (DATABASE_URL)' : ' (DATABASE_URL unset: the default)'}`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl, application_name: applicationName });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    fail(`cannot create the scratch database ${name} on ${redactUrl(serverUrl)}: ${(error as Error).message}`);
  }
  return {
    name,
    url: url.toString(),
    server: redactUrl(serverUrl),
    async drop() {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return true;
      } catch (error) {
        log(`could not drop the scratch database ${name}: ${(error as Error).message}; drop it by hand`);
        return false;
      } finally {
        await admin.end().catch(() => undefined);
      }
    },
  };
}

export interface ScratchSchemaOptions {
  schema: string;
  migrations: MigrationClass[];
  applicationName: string;
  poolSize: number;
}

/** A service schema in the scratch database, created and migrated as a service's own is; closed again if that fails. */
export async function migratedScratchSchema(
  scratch: ScratchDatabase,
  options: ScratchSchemaOptions,
): Promise<DataSource> {
  const ds = createServiceDataSource({ databaseUrl: scratch.url, ...options });
  await ds.initialize();
  try {
    await ds.query(`CREATE SCHEMA "${options.schema}"`);
    await ds.runMigrations();
    return ds;
  } catch (error) {
    await ds.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs a benchmark's `body`, then `cleanup` however it ended (once: Ctrl-C runs it too, saying `onSignal`, then exits
 * 130). A failure sets exit code 2 and is reported as `<name> failed`, then `afterFailure` adds what explains it,
 * unless the run was interrupted: the work in flight then fails on closed connections, nothing worth reporting.
 */
export async function runBenchmark(
  name: string,
  onSignal: string,
  cleanup: () => Promise<void>,
  body: () => Promise<void>,
  afterFailure: () => void = () => undefined,
): Promise<void> {
  let cleaning: Promise<void> | undefined;
  const cleanupOnce = () => (cleaning ??= cleanup());
  let interrupted = false;
  onInterrupt((signal) => {
    interrupted = true;
    log(`${signal}: ${onSignal}`);
    void cleanupOnce().finally(() => process.exit(130));
  });
  try {
    await body();
  } catch (error) {
    if (!interrupted) {
      log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      afterFailure();
    }
    process.exitCode = 2;
  } finally {
    await cleanupOnce();
  }
}

/** Nearest-rank percentile of unsorted samples (ms); 0 without samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencyFigures {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The latency figures every benchmark reports, of unsorted samples (ms), rounded to `digits`; 0 without samples. */
export function latencyFigures(samples: number[], digits: number): LatencyFigures {
  const at = (p: number) => round(percentile(samples, p), digits);
  return { p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), maxMs: at(100) };
}

/** Figures as one cell, "1.2 / 3.4": with `digits` each fixed to that many, else as they are. */
export const slashed = (values: number[], digits?: number) =>
  values.map((value) => (digits === undefined ? String(value) : value.toFixed(digits))).join(' / ');

export type TableRow = [phase: string, figure: string, value: string, target: string];

/** The figures as a table on stdout, values right-aligned, under the given title lines. */
export function printTable(title: string[], rows: TableRow[]): void {
  const header: TableRow = ['phase', 'figure', 'value', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    [...title, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ''].join('\n'),
  );
}

export interface ProcessFigures {
  peakRssMb: number;
  loadAverage: { start: number[]; end: number[] };
  /** cpuReferenceMs() at the start and at the end. */
  cpuReferenceMs: { start: number; end: number };
}

/** Samples this process's peak RSS every 100 ms, and the machine's load and CPU reference at start and finish. */
export function sampleProcess(): { finish(): ProcessFigures } {
  const loadStart = loadavg();
  const cpuStart = cpuReferenceMs();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  sampler.unref();
  let figures: ProcessFigures | undefined;
  return {
    // The figures of the first call (a finally may call it again).
    finish() {
      clearInterval(sampler);
      return (figures ??= {
        peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024),
        loadAverage: { start: loadStart.map((n) => round(n, 2)), end: loadavg().map((n) => round(n, 2)) },
        cpuReferenceMs: { start: cpuStart, end: cpuReferenceMs() },
      });
    },
  };
}

/** The process rows of a table: peak RSS, then `more`, then the machine's (machineRows). */
export function processRows(phase: string, p: ProcessFigures, more: TableRow[] = []): TableRow[] {
  return [[phase, 'peak RSS (MB)', fmt(p.peakRssMb), ''], ...more, ...machineRows('', p)];
}

/** The machine's load average and CPU reference at the start and at the end of the run, as rows of a table. */
export function machineRows(phase: string, p: Pick<ProcessFigures, 'loadAverage' | 'cpuReferenceMs'>): TableRow[] {
  return [
    [phase, 'load average 1/5/15 at start', p.loadAverage.start.map((n) => n.toFixed(2)).join(' '), ''],
    ['', 'load average 1/5/15 at end', p.loadAverage.end.map((n) => n.toFixed(2)).join(' '), ''],
    ['', 'CPU reference loop at start / end (ms)', `${p.cpuReferenceMs.start} / ${p.cpuReferenceMs.end}`, ''],
  ];
}
