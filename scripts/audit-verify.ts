// Verifies the hash chains of a service's event streams:
//   npm run audit:verify -- --service road-cases [--stream <id>] [--json]
// Reads DATABASE_URL. Exit 0: every chain intact; 1: problems found; 2: usage, configuration or runtime error
// (the chains were not, or not completely, checked).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { SERVICE_SCHEMAS } from '../libs/contracts/src/index';
import { StreamVerifier, type VerificationReport } from '../libs/event-store/src/index';
import { createServiceDataSource } from '../libs/platform/src/index';
import { fail, fmt, parseService, progressBar, redactUrl, requireDatabaseUrl, UsageError } from './cli-support';

const USAGE = 'usage: npm run audit:verify -- --service <name> [--stream <id>] [--json]';

async function verify(ds: DataSource, service: string, schema: string, stream: string | undefined, json: boolean): Promise<number> {
  const [{ present }] = await ds.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".events`]);
  if (!present) throw new UsageError(`schema "${schema}" of ${service} has no events table: has the service run its migrations?`);

  const verifier = new StreamVerifier(ds, schema);
  const started = performance.now();
  let report: VerificationReport;
  if (stream !== undefined) {
    report = await verifier.verifyStream(stream);
    if (report.eventsChecked === 0) throw new UsageError(`stream "${stream}" has no events in schema "${schema}"`);
  } else {
    const bar = progressBar('verifying');
    try {
      report = await verifier.verifyAll((p) => bar.update(p.eventsChecked, p.eventsTotal));
    } finally {
      bar.finish();
    }
  }
  const seconds = (performance.now() - started) / 1000;

  if (json) {
    const out = { service, schema, stream: stream ?? null, seconds: Number(seconds.toFixed(3)), ...report };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const rate = report.eventsChecked / Math.max(seconds, 0.001);
    const lines = [
      `${service} (schema ${schema})${stream !== undefined ? `, stream ${stream}` : ''}`,
      `checked ${fmt(report.streamsChecked)} stream(s), ${fmt(report.eventsChecked)} event(s) in ${seconds.toFixed(1)} s (${fmt(rate)} events/s)`,
    ];
    if (report.ok) {
      lines.push('intact: every hash chain verifies');
    } else {
      lines.push(`NOT INTACT: ${report.problems.length} broken stream(s), the first problem of each:`);
      for (const p of report.problems) {
        lines.push(
          `  - ${p.kind}: stream ${p.streamId}, version ${p.streamVersion}, event ${p.eventId} (global position ${p.globalPosition})`,
          `    ${p.detail}`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.ok ? 0 : 1;
}

async function main(): Promise<void> {
  let values: { service?: string; stream?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        service: { type: 'string' },
        stream: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const service = parseService(values.service);
  const schema = SERVICE_SCHEMAS[service];
  const databaseUrl = requireDatabaseUrl();

  const ds = createServiceDataSource({ databaseUrl, schema, migrations: [], applicationName: 'audit-verify' });
  try {
    await ds.initialize();
  } catch (error) {
    fail(`cannot connect to DATABASE_URL (${redactUrl(databaseUrl)}): ${(error as Error).message}`);
  }
  try {
    process.exitCode = await verify(ds, service, schema, values.stream, values.json ?? false);
  } catch (error) {
    process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `audit:verify failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  } finally {
    await ds.destroy();
  }
}

void main();
