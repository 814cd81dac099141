// Verifies a service's records: the hash chain of every stream and, given the log's verifier key, the database against
// a signed checkpoint of its Merkle log (every leaf present and equal, the roots equal):
//   npm run audit:verify -- --service road-cases [--key <vkey file>] [--checkpoint <signed note file>] [--stream <id>] [--json]
// --checkpoint: the checkpoint to trust (e.g. one a witness cosigned, from its state folder); default: the latest the
// database holds that verifies with --key. Reads DATABASE_URL. Exit 0: intact; 1: problems found; 2: usage,
// configuration or runtime error (not, or not completely, checked).
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { SERVICE_SCHEMAS } from '@app/contracts';
import { StreamVerifier, type VerificationReport } from '@app/event-store';
import {
  exitOnHelp,
  fmt,
  parseService,
  progressBar,
  requireDatabaseUrl,
  UsageError,
  reportFailure,
  parseOptions,
} from './cli-support';
import { connectToSchema } from './schema-connection';
import { KeyFileError } from './transparency/log-key.file';
import {
  describeLogReport,
  verifyAgainstCheckpoint,
  type LogCheckOptions,
} from './transparency/checkpoint-verification';

const USAGE =
  'usage: npm run audit:verify -- --service <name> [--key <vkey file>] [--checkpoint <signed note file>] [--stream <id>] [--json]';

async function verify(
  ds: DataSource,
  service: string,
  schema: string,
  stream: string | undefined,
  json: boolean,
  log: LogCheckOptions,
): Promise<number> {
  const [{ present }] = await ds.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".events`]);
  if (!present)
    throw new UsageError(`schema "${schema}" of ${service} has no events table: has the service run its migrations?`);

  const verifier = new StreamVerifier(ds, schema);
  const started = performance.now();
  let report: VerificationReport;
  if (stream !== undefined) {
    report = await verifier.verifyStream(stream);
    if (report.eventsChecked === 0) throw new UsageError(`stream "${stream}" has no events in schema "${schema}"`);
  } else {
    const bar = progressBar('verifying');
    try {
      report = await verifier.verifyAll({ onProgress: (p) => bar.update(p.eventsChecked, p.eventsTotal) });
    } finally {
      bar.finish();
    }
  }
  const logReport = log.keyFile && stream === undefined ? await verifyAgainstCheckpoint(ds, schema, log) : undefined;
  const seconds = (performance.now() - started) / 1000;

  if (json) {
    const out = {
      service,
      schema,
      stream: stream ?? null,
      seconds: Number(seconds.toFixed(3)),
      ...report,
      log: logReport ?? null,
    };
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
    lines.push(...describeLogReport(logReport, log, stream));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.ok && (logReport?.ok ?? true) ? 0 : 1;
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const values: { service?: string; stream?: string; json?: boolean; key?: string; checkpoint?: string } = parseOptions(
    USAGE,
    'service stream key checkpoint',
    { json: { type: 'boolean', default: false } },
  );
  const service = parseService(values.service);
  const schema = SERVICE_SCHEMAS[service];
  const databaseUrl = requireDatabaseUrl();

  const ds = await connectToSchema({ databaseUrl, variable: 'DATABASE_URL', schema, applicationName: 'audit-verify' });
  try {
    if (values.checkpoint && !values.key)
      throw new UsageError(`--checkpoint needs --key (the log's verifier key to check it with)\n${USAGE}`);
    process.exitCode = await verify(ds, service, schema, values.stream, values.json ?? false, {
      keyFile: values.key,
      checkpointFile: values.checkpoint,
    });
  } catch (error) {
    reportFailure('audit:verify', error, [UsageError, KeyFileError]);
  } finally {
    await ds.destroy();
  }
}

void main();
