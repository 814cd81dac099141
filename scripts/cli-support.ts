// Small helpers shared by the operator scripts (audit:verify, projections:rebuild, bench:event-store).
import { performance } from 'node:perf_hooks';
import { SERVICE_NAMES, type ServiceName } from '../libs/contracts/src/service-names';

/** Usage, configuration or runtime error: the script could not do its job. Exits 2 at once (nothing to clean up yet). */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** Thrown once resources are open, so the caller can close them before exiting 2 with the message. */
export class UsageError extends Error {}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is not set: point it at the Postgres server of the service, e.g. DATABASE_URL=postgres://user@host:5432/db');
  return url;
}

export function parseService(value: string | undefined): ServiceName {
  if (!value) fail(`--service is required: one of ${SERVICE_NAMES.join(', ')}`);
  if (!(SERVICE_NAMES as readonly string[]).includes(value)) fail(`unknown service "${value}": one of ${SERVICE_NAMES.join(', ')}`);
  return value as ServiceName;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Nearest-rank percentile of unsorted samples (ms); 0 without samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface ProgressBar {
  update(done: number, total: number, perSecond?: number): void;
  finish(): void;
}

/**
 * Progress on stderr, shown only once a run has lasted `quietMs` (short runs stay quiet). On a TTY a one-line bar
 * rewritten with \r; otherwise (logs, CI) a line each time another 10% is done.
 */
export function progressBar(label: string, unit = 'events', quietMs = 1000): ProgressBar {
  const out = process.stderr;
  const tty = Boolean(out.isTTY);
  const started = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(done, total, perSecond) {
      const now = performance.now();
      if (now - started < quietMs || total <= 0) return;
      const ratio = Math.min(1, done / total);
      const rate = perSecond ?? done / Math.max((now - started) / 1000, 0.001);
      const text = `${label} ${(ratio * 100).toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)} ${unit}, ${fmt(rate)} ${unit}/s`;
      if (tty) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(ratio * width);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
        drawn = true;
      } else {
        const decile = Math.floor(ratio * 10);
        if (decile <= lastDecile) return;
        lastDecile = decile;
        out.write(`${text}\n`);
      }
    },
    finish() {
      if (tty && drawn) out.write('\n');
      drawn = false;
    },
  };
}
