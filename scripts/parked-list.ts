// What a service's consumer has parked, and why (a predecessor not yet applied, or a fact it waits for):
//   npm run parked:list -- --service budgets [--limit 200] [--json]
// Parked messages are retried by the running service by itself; this only shows them. Reads DATABASE_URL.
// Exit 0: nothing parked; 1: something waits; 2: usage, configuration or runtime error.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { SERVICE_SCHEMAS } from '@app/contracts';
import { listParked } from '@app/messaging';
import { createServiceDataSource } from '@app/platform';
import { parseService, fail, numberArgument, requireDatabaseUrl, exitOnHelp } from './cli-support';

const USAGE = 'usage: npm run parked:list -- --service <name> [--limit 200] [--json]';

async function main(): Promise<number> {
  exitOnHelp(USAGE);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      options: { service: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const service = parseService(values.service as string | undefined);
  const limit = numberArgument(values, 'limit', 200, 1, USAGE);
  const schema = SERVICE_SCHEMAS[service];
  const ds = createServiceDataSource({
    databaseUrl: requireDatabaseUrl(),
    schema,
    migrations: [],
    applicationName: 'parked-list',
  });
  await ds.initialize();
  try {
    const parked = await listParked(ds, schema, limit);
    if (values.json) {
      process.stdout.write(JSON.stringify(parked, null, 2) + '\n');
    } else if (parked.total === 0) {
      process.stdout.write(`${service}: nothing parked\n`);
    } else {
      process.stdout.write(
        `${service}: ${parked.total} parked (${Object.entries(parked.byReason)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')}), oldest first:\n`,
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
