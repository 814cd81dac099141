// Rebuilds a projection of a service from its events, or with --verify compares a fresh rebuild with the live table:
//   npm run projections:rebuild -- --service road-cases --projection stream-index [--verify]
//   npm run projections:rebuild -- --service road-cases --projection all [--verify]
// Reads DATABASE_OWNER_URL, else DATABASE_URL: it creates, drops and renames tables and locks the events table, which
// only the schema owner may do (a service's runtime role may not); the rebuilt table keeps the live one's owner and
// grants. Exit 0: rebuilt and swapped in, or verified identical; 1: --verify found differences;
// 2: usage, configuration or runtime error, or the replay read fewer events than the log held.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SERVICE_SCHEMAS, type ServiceName } from '@app/contracts';
import {
  builtinProjections,
  EventStore,
  ProjectionRebuilder,
  type Projection,
  type RebuildResult,
} from '@app/event-store';
import {
  exitOnHelp,
  fail,
  fmt,
  parseService,
  progressBar,
  requireOwnerDatabaseUrl,
  UsageError,
  reportFailure,
  parseOptions,
} from './cli-support';
import { connectToSchema } from './schema-connection';
import { serviceEntry } from '../apps/embedded/src/service-entries';

const USAGE =
  'usage: npm run projections:rebuild -- --service <name> --projection <name|all> [--verify]\n' +
  '  as the schema owner: DATABASE_OWNER_URL (else DATABASE_URL, which must then own the schema)';

/** The projections its event store feeds, as EventStoreModule.forService gets them: the builtin ones and its own. */
async function pickProjections(service: ServiceName, name: string | undefined): Promise<Projection[]> {
  const known = [...builtinProjections, ...(await serviceEntry(service)).serviceProjections];
  const names = known.map((p) => p.name).join(', ');
  if (!name) fail(`--projection is required: one of ${names}, or all\n${USAGE}`);
  if (name === 'all') return known;
  const projection = known.find((p) => p.name === name);
  if (!projection) fail(`unknown projection "${name}" for ${service}: one of ${names}, or all`);
  return [projection];
}

/** pg reads a `date` column as local midnight; show such values as the day they are, not as a UTC instant. */
function showDates(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (!(raw instanceof Date) || raw.getHours() + raw.getMinutes() + raw.getSeconds() + raw.getMilliseconds() !== 0)
    return value;
  return `${raw.getFullYear()}-${String(raw.getMonth() + 1).padStart(2, '0')}-${String(raw.getDate()).padStart(2, '0')}`;
}

function describe(result: RebuildResult, live: string): string {
  const lines = [
    `${result.projection}: ${fmt(result.eventsRead)} events in ${result.seconds.toFixed(1)} s (${fmt(result.eventsPerSecond)} events/s), ` +
      (result.swapped ? `rebuilt table swapped in as ${live}` : `verified against ${live} (live table left as it was)`),
  ];
  const d = result.differences;
  if (d) {
    if (d.onlyInLiveCount === 0 && d.onlyInRebuiltCount === 0) {
      lines.push('  identical: the rebuilt table has exactly the live rows');
    } else {
      lines.push(
        `  DIFFERENT: ${fmt(d.onlyInLiveCount)} row(s) only in live, ${fmt(d.onlyInRebuiltCount)} row(s) only in rebuilt`,
      );
      const sample = (title: string, rows: Record<string, unknown>[], count: number) => {
        if (count === 0) return;
        lines.push(`  only in ${title} (${rows.length} of ${fmt(count)}):`);
        for (const row of rows) lines.push(`    ${JSON.stringify(row, showDates)}`);
      };
      sample('live', d.onlyInLive, d.onlyInLiveCount);
      sample('rebuilt', d.onlyInRebuilt, d.onlyInRebuiltCount);
    }
  }
  return lines.join('\n');
}

async function rebuildAll(ds: DataSource, schema: string, projections: Projection[], verify: boolean): Promise<number> {
  const [{ present }] = await ds.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".events`]);
  if (!present) throw new UsageError(`schema "${schema}" has no events table: has the service run its migrations?`);
  const rebuilder = new ProjectionRebuilder(new EventStore(ds, schema));
  let differs = false;
  let incomplete = false;
  for (const projection of projections) {
    const bar = progressBar(projection.name);
    // The rebuilder counts the log when it starts; events are never deleted, so a full replay reads at least that many.
    let eventsAtStart = 0;
    let result: RebuildResult;
    try {
      result = await rebuilder.rebuild(projection, {
        verify,
        onProgress: (p) => {
          eventsAtStart = p.eventsTotal;
          bar.update(p.eventsRead, p.eventsTotal, p.eventsPerSecond);
        },
      });
    } finally {
      bar.finish();
    }
    process.stdout.write(`${describe(result, `"${schema}"."${projection.table}"`)}\n`);
    if (result.eventsRead < eventsAtStart) {
      incomplete = true;
      process.stderr.write(
        `ERROR: ${projection.name}: the replay read ${fmt(result.eventsRead)} events but the log held ${fmt(eventsAtStart)} when it started; ` +
          `the rebuilt table is incomplete${result.swapped ? ' and has been swapped in' : ''}.\n`,
      );
    }
    const d = result.differences;
    if (d && (d.onlyInLiveCount > 0 || d.onlyInRebuiltCount > 0)) differs = true;
  }
  if (incomplete) return 2;
  return differs ? 1 : 0;
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const values: { service?: string; projection?: string; verify?: boolean } = parseOptions(
    USAGE,
    'service projection',
    { verify: { type: 'boolean', default: false } },
  );
  const service = parseService(values.service);
  const projections = await pickProjections(service, values.projection);
  const schema = SERVICE_SCHEMAS[service];
  const { url: databaseUrl, variable } = requireOwnerDatabaseUrl();

  const ds = await connectToSchema({ databaseUrl, variable, schema, applicationName: 'projections-rebuild' });
  try {
    process.exitCode = await rebuildAll(ds, schema, projections, values.verify ?? false);
  } catch (error) {
    reportFailure('projections:rebuild', error);
  } finally {
    await ds.destroy();
  }
}

void main();
