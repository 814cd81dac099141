// Lists and releases the events a service's outbox relay set aside (quarantined: failed its contract; held: a later
// event of such a stream, kept back so the stream stays in order):
//   npm run outbox:release -- --service road-cases --list [--limit 200] [--page 1]
//   npm run outbox:release -- --service road-cases --stream <id> | --all [--list]
// --list shows a page of the set-aside events (at most --limit, up to 1000), in the order a release publishes them.
// A release only asks: the running service's relay (its leader) publishes the stream's events in order within about
// a second, re-validating each; one that still fails stays quarantined with its new error and the rest stay held.
// Release after the fix (an upcaster, a corrected contract) is deployed. Reads DATABASE_URL.
// Exit 0: done; 1: --list found set-aside events; 2: usage, configuration or runtime error.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SERVICE_SCHEMAS } from '@app/contracts';
import { OutboxQuarantine, type QuarantineRow } from '@app/messaging';
import { MAX_PAGE, type ListPage, type Page } from '@app/platform';
import {
  describePage,
  exitOnHelp,
  fail,
  numberArgument,
  parseService,
  requireDatabaseUrl,
  UsageError,
  reportFailure,
  parseOptions,
} from './cli-support';
import { connectToSchema } from './schema-connection';

const USAGE =
  'usage: npm run outbox:release -- --service <name> [--stream <id> | --all] [--list [--limit 200] [--page 1]]';
/** The most one page lists: the operator pages on past it. */
const MAX_LIMIT = 1000;

function describe(list: ListPage<QuarantineRow>): string[] {
  if (list.total === 0) return ['nothing quarantined or held: the outbox publishes everything'];
  const lines = [`${list.total} event(s) set aside, in the order a release publishes them; ${describePage(list)}:`];
  for (const r of list.items) {
    const release = r.releaseRequestedAt ? `, release requested ${r.releaseRequestedAt.toISOString()}` : '';
    lines.push(
      `  - ${r.status.padEnd(11)} stream ${r.streamId} v${r.streamVersion}, ${r.eventType}, event ${r.eventId} (global position ${r.globalPosition})`,
      `    since ${r.quarantinedAt.toISOString()}${release}: ${r.error}`,
    );
  }
  return lines;
}

async function run(
  ds: DataSource,
  schema: string,
  values: { stream?: string; all?: boolean; list?: boolean },
  page: Page,
): Promise<number> {
  const quarantine = new OutboxQuarantine(schema);
  if (!(await quarantine.available(ds)))
    throw new UsageError(`schema "${schema}" has no outbox_quarantine table: has the service run its migrations?`);
  const out: string[] = [];
  if (values.stream !== undefined || values.all) {
    const target = values.stream !== undefined ? { streamId: values.stream } : { all: true as const };
    const { events, streams } = await quarantine.requestRelease(ds, target);
    if (events === 0) {
      throw new UsageError(
        values.stream !== undefined
          ? `stream "${values.stream}" has nothing quarantined or held`
          : 'nothing quarantined or held to release',
      );
    }
    out.push(
      `release requested for ${events} event(s) of ${streams} stream(s): the service's relay publishes them in order if their contracts now pass (see --list)`,
    );
  }
  let code = 0;
  if (values.list) {
    const list = await quarantine.page(ds, { streamId: values.stream, page });
    out.push(...describe(list));
    code = list.total > 0 && values.stream === undefined && !values.all ? 1 : 0;
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return code;
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const values: { service?: string; stream?: string; all?: boolean; list?: boolean; limit?: string; page?: string } =
    parseOptions(USAGE, 'service stream limit page', {
      all: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    });
  const service = parseService(values.service);
  if (values.stream !== undefined && values.all) fail(`--stream and --all exclude each other\n${USAGE}`);
  if (values.stream === undefined && !values.all && !values.list)
    fail(`say what to do: --list, --stream <id> or --all\n${USAGE}`);
  const page = {
    page: Math.floor(numberArgument(values, 'page', 1, 1, USAGE, MAX_PAGE)),
    limit: Math.floor(numberArgument(values, 'limit', 200, 1, USAGE, MAX_LIMIT)),
  };
  const schema = SERVICE_SCHEMAS[service];
  const databaseUrl = requireDatabaseUrl();

  const ds = await connectToSchema({
    databaseUrl,
    variable: 'DATABASE_URL',
    schema,
    applicationName: 'outbox-release',
  });
  try {
    process.exitCode = await run(ds, schema, values, page);
  } catch (error) {
    reportFailure('outbox:release', error);
  } finally {
    await ds.destroy();
  }
}

void main();
