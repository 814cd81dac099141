// What a service's consumer has parked, and why (a predecessor not yet applied, or a fact it waits for):
//   npm run parked:list -- --service budgets [--limit 200] [--page 1] [--json]
// Oldest first, at most --limit (up to 1000) a page; the counts cover them all. Parked messages are retried by the
// running service by itself; this only shows them. Reads DATABASE_URL.
// Exit 0: nothing parked; 1: something waits; 2: usage, configuration or runtime error.
import 'reflect-metadata';
import { SERVICE_SCHEMAS } from '@app/contracts';
import { listParked } from '@app/messaging';
import { createServiceDataSource, MAX_PAGE } from '@app/platform';
import {
  describePage,
  parseService,
  fail,
  numberArgument,
  requireDatabaseUrl,
  exitOnHelp,
  parseOptions,
} from './cli-support';

const USAGE = 'usage: npm run parked:list -- --service <name> [--limit 200] [--page 1] [--json]';
/** The most one page lists: the operator pages on past it. */
const MAX_LIMIT = 1000;

async function main(): Promise<number> {
  exitOnHelp(USAGE);
  const values: Record<string, unknown> = parseOptions(USAGE, 'service limit page', {
    json: { type: 'boolean', default: false },
  });
  const service = parseService(values.service as string | undefined);
  const limit = Math.floor(numberArgument(values, 'limit', 200, 1, USAGE, MAX_LIMIT));
  const page = Math.floor(numberArgument(values, 'page', 1, 1, USAGE, MAX_PAGE));
  const schema = SERVICE_SCHEMAS[service];
  const ds = createServiceDataSource({
    databaseUrl: requireDatabaseUrl(),
    schema,
    migrations: [],
    applicationName: 'parked-list',
  });
  await ds.initialize();
  try {
    const parked = await listParked(ds, schema, { page, limit });
    if (values.json) {
      process.stdout.write(JSON.stringify(parked, null, 2) + '\n');
    } else if (parked.total === 0) {
      process.stdout.write(`${service}: nothing parked\n`);
    } else {
      process.stdout.write(
        `${service}: ${parked.total} parked (${Object.entries(parked.byReason)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')}), oldest first; ${describePage(parked)}:\n`,
      );
      for (const p of parked.items) {
        process.stdout.write(
          `  - ${p.reason.padEnd(20)} ${p.eventType} ${p.streamId}@${p.streamVersion} on ${p.topic}, since ${p.parkedAt}, ${p.attempts} retries; awaits ${p.awaits}\n    ${p.detail}\n`,
        );
      }
    }
    return parked.total === 0 ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => fail(error.message),
);
