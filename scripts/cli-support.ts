// Small helpers shared by the operator scripts (audit:verify, projections:rebuild, bench:event-store, events:tail,
// dlq:replay, bench:messaging).
import { performance } from 'node:perf_hooks';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import type { IHeaders } from 'kafkajs';
import { deadLetterTopic, SERVICE_NAMES, TOPICS, type ServiceName } from '@app/contracts';
import { KAFKA_SASL_MECHANISMS, KAFKA_SASL_VARIABLES, type KafkaSaslMechanism } from '@app/platform/cli';
import type { KafkaSasl } from '@app/platform';

/** --help or -h anywhere: the usage on stdout, exit 0 (the image's CLIs are found this way, `node dist/scripts/<name>.js --help`). */
export function exitOnHelp(usage: string): void {
  if (!process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) return;
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

/** Usage, configuration or runtime error: the script could not do its job. Exits 2 at once (nothing to clean up yet). */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

type Flags = NonNullable<ParseArgsConfig['options']>;
/** The words of a space-separated list, as a union of string literals. */
type Words<S extends string> = S extends `${infer First} ${infer Rest}`
  ? Words<First> | Words<Rest>
  : S extends ''
    ? never
    : S;
type ValueOptions<V extends string> = { [K in Words<V>]: { type: 'string' } };

/**
 * A script's options (node:util parseArgs, no positionals), or exit 2 with parseArgs' complaint and the usage.
 * `values` names the options that take a value, most of them (`'rate seconds runs'`); `flags` declares the others
 * as parseArgs does (booleans, defaults).
 */
export function parseOptions<const V extends string, const F extends Flags = Record<never, never>>(
  usage: string,
  values: V,
  flags: F = {} as F,
) {
  const named = values.split(' ').filter((name) => name !== '');
  const options = { ...Object.fromEntries(named.map((name) => [name, { type: 'string' }])), ...flags };
  try {
    return parseArgs({ options: options as ValueOptions<V> & F }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

/** Thrown once resources are open, so the caller can close them before exiting 2 with the message. */
export class UsageError extends Error {}

/**
 * A CLI's failure on stderr, and exit code 2: an error of the `expected` classes (what the operator can fix: usage,
 * a key file, an unreachable server) as its message alone, anything else as `<name> failed:` and its stack.
 */
export function reportFailure(
  name: string,
  error: unknown,
  expected: Array<new (...args: never[]) => Error> = [UsageError],
): 2 {
  process.stderr.write(
    expected.some((type) => error instanceof type)
      ? `${(error as Error).message}\n`
      : `${name} failed: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exitCode = 2;
  return 2;
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    fail(
      'DATABASE_URL is not set: point it at the Postgres server of the service, e.g. DATABASE_URL=postgres://user@host:5432/db',
    );
  return url;
}

/**
 * For scripts that change a schema's tables (DDL, table locks): the schema owner's URL, DATABASE_OWNER_URL, else
 * DATABASE_URL (one role owning everything). A service's runtime role may not do these things, by design.
 */
export function requireOwnerDatabaseUrl(): { url: string; variable: 'DATABASE_OWNER_URL' | 'DATABASE_URL' } {
  if (process.env.DATABASE_OWNER_URL) return { url: process.env.DATABASE_OWNER_URL, variable: 'DATABASE_OWNER_URL' };
  return { url: requireDatabaseUrl(), variable: 'DATABASE_URL' };
}

export function parseService(value: string | undefined): ServiceName {
  if (!value) fail(`--service is required: one of ${SERVICE_NAMES.join(', ')}`);
  if (!(SERVICE_NAMES as readonly string[]).includes(value))
    fail(`unknown service "${value}": one of ${SERVICE_NAMES.join(', ')}`);
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

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

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

// ---------- Kafka ----------

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
const BROKER = /^[A-Za-z0-9.\-_]+:(\d{1,5})$/;
const NAMESPACE = /^[a-z0-9][a-z0-9.\-_]*$/;

/** KAFKA_BROKERS (comma-separated host:port; 127.0.0.1:9092 when unset), saying on stderr which is used. */
export function kafkaBrokers(): string[] {
  const raw = process.env.KAFKA_BROKERS?.trim();
  const brokers = (raw || DEFAULT_KAFKA_BROKERS).split(',').map((b) => b.trim());
  const valid = brokers.every((b) => {
    const port = BROKER.exec(b)?.[1];
    return port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
  });
  if (!valid) fail(`KAFKA_BROKERS must be a comma-separated list of host:port, not "${raw}"`);
  process.stderr.write(
    `kafka: ${brokers.join(',')}${raw ? ' (KAFKA_BROKERS)' : ' (KAFKA_BROKERS unset: the default)'}\n`,
  );
  return brokers;
}

/**
 * The broker login from KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, all three or none, as the
 * services read them; none: no SASL. A broker that enforces ACLs wants a user allowed to read what the script reads.
 */
export function kafkaSasl(): KafkaSasl | undefined {
  const given = KAFKA_SASL_VARIABLES.filter((name) => process.env[name]);
  if (given.length === 0) return undefined;
  const missing = KAFKA_SASL_VARIABLES.filter((name) => !process.env[name]);
  if (missing.length > 0)
    fail(`${missing.join(' and ')} required with ${given.join(' and ')} (the three KAFKA_SASL_* go together)`);
  const mechanism = process.env.KAFKA_SASL_MECHANISM!.toLowerCase();
  if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(mechanism))
    fail(`KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
  return {
    mechanism: mechanism as KafkaSaslMechanism,
    username: process.env.KAFKA_SASL_USERNAME!,
    password: process.env.KAFKA_SASL_PASSWORD!,
  };
}

/** --namespace, the prefix KAFKA_NAMESPACE gives a deployment's topics and groups; '' without one. */
export function parseNamespace(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  if (!NAMESPACE.test(value))
    fail(`--namespace may hold lowercase letters, digits, ".", "-", "_" (as KAFKA_NAMESPACE), not "${value}"`);
  return value;
}

/** The logical topics (TOPICS) and, with deadLetters, their dead-letter topics. */
export function knownTopics(deadLetters: boolean): string[] {
  const topics: string[] = Object.values(TOPICS);
  return deadLetters ? topics.flatMap((t) => [t, deadLetterTopic(t)]) : topics;
}

/** A service's topic by the naming rule (`<service>.events`), for services and test producers beyond TOPICS. */
const SERVICE_TOPIC = /^[a-z0-9][a-z0-9-]*\.events$/;

/** --topic, a logical topic name: one of TOPICS or `<service>.events`, or with deadLetters also their .dlq topics. */
export function parseTopic(value: string | undefined, options: { deadLetters: boolean; usage: string }): string {
  const known = knownTopics(options.deadLetters);
  if (!value) fail(`--topic is required: one of ${known.join(', ')}\n${options.usage}`);
  const base = options.deadLetters && value.endsWith('.dlq') ? value.slice(0, -4) : value;
  if (!known.includes(value) && !SERVICE_TOPIC.test(base))
    fail(`unknown topic "${value}": one of ${known.join(', ')}, or <service>.events`);
  return value;
}

/** Kafka headers as text (the first value of a repeated header), as the services read them. */
export function headerText(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return out;
}

/** A numeric --option, at least `min` (and at most `max`, when given); exits 2 with the usage otherwise. */
export function numberArgument(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  usage: string,
  max = Number.POSITIVE_INFINITY,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    fail(
      `--${name} must be a number ${max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${max}`}, not "${String(raw)}"\n${usage}`,
    );
  return n;
}

/** Which items of a paged list a page holds, and how to read on: "items 201-400 of 950, --page 3 for more". */
export function describePage(list: { page: number; limit: number; total: number; items: unknown[] }): string {
  const first = (list.page - 1) * list.limit;
  const shown =
    list.items.length === 0
      ? `no items on page ${list.page} of ${list.total}`
      : `items ${first + 1}-${first + list.items.length} of ${list.total}`;
  return first + list.items.length < list.total ? `${shown}, --page ${list.page + 1} for more` : shown;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A LoggerService for createKafkaClient: kafkajs warnings and errors as plain lines on stderr, debug dropped. */
export function stderrLogger(prefix: string): LoggerService {
  const write = (level: string) => (message: unknown) =>
    process.stderr.write(`${prefix} ${level}: ${String(message)}\n`);
  return {
    log: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
    warn: write('warn'),
    error: write('error'),
    fatal: write('error'),
  };
}

/** Runs `stop` on the first SIGINT/SIGTERM; a second one exits at once (130). */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): void {
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) {
        process.stderr.write(`${signal} again: exiting without cleaning up\n`);
        process.exit(130);
      }
      interrupted = true;
      stop(signal);
    });
  }
}
