// Benchmarks budgets' register export (GET /exports/{year}.csv) against a real Postgres, in a scratch database it
// creates and drops: the heap a streamed export holds against the heap of the same file built whole, as before.
//   npm run bench:export [-- --programmes 50000 --json]
// DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the role needs CREATEDB.
// The heap is measured live: after a full GC at each sample (each chunk of the stream; the lines, then the file, built
// whole). Figures are printed, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServiceDataSource, CSV_BOM, csvRow } from '@app/platform';
import {
  institutionColumns,
  programmeColumns,
  RegisterExportQueries,
  serviceProjections,
} from '../apps/budgets/src/budgets.service-definition';
import { exitOnHelp, fail, fmt, numberArgument } from './cli-support';
import { createScratchDatabase, log, printTable, round, type TableRow } from './bench-support';

const USAGE = 'usage: npm run bench:export -- [--programmes 50000] [--json]';
const YEAR = 2026;
const MB = 1024 * 1024;

// A full GC on demand, without asking whoever runs the bench for node flags.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs `work`, sampling the live heap (after a GC) where it says; the peak above the live heap before it began. */
async function heapGrowth(
  work: (sample: () => void) => Promise<number>,
): Promise<{ mb: number; bytes: number; seconds: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let sampling = 0;
  const sample = () => {
    const from = performance.now();
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    sampling += performance.now() - from;
  };
  const started = performance.now();
  const bytes = await work(sample);
  const seconds = (performance.now() - started - sampling) / 1000;
  return { mb: round((peak - base) / MB, 1), bytes, seconds: round(seconds, 2) };
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: { programmes: { type: 'string' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const programmes = numberArgument(values, 'programmes', 50_000, 1, USAGE);
  const scratch = await createScratchDatabase(`bench_export_${Date.now()}`, 'bench-export');
  const ds = createServiceDataSource({
    databaseUrl: scratch.url,
    schema: 'budgets',
    migrations: [],
    applicationName: 'bench-export',
  });
  try {
    await ds.initialize();
    await ds.query('CREATE SCHEMA budgets');
    // The register's own tables, from the projections that own them.
    for (const table of ['institutions', 'programmes']) {
      const projection = serviceProjections.find((p) => p.table === table)!;
      await ds.query(projection.createTable(`budgets.${table}`));
    }
    // One institution per 20 programmes, names long enough to look like the register's.
    await institutionColumns.insertSelect(
      ds,
      'budgets.institutions',
      {
        bin: "lpad(n::text, 12, '0')",
        version: '1',
        name: `'State institution "Department of roads and transport" No. ' || n`,
        district: "'Taraz'",
        kind: "'department'",
        registeredAt: 'now()',
      },
      'FROM generate_series(1, $1) n',
      [Math.ceil(programmes / 20)],
    );
    await programmeColumns.insertSelect(
      ds,
      'budgets.programmes',
      {
        id: 'gen_random_uuid()::text',
        version: '1',
        institutionBin: "lpad((1 + n / 20)::text, 12, '0')",
        district: "'Taraz'",
        fiscalYear: '$2',
        code: "'451-' || lpad(n::text, 6, '0')",
        name: "'Capital and medium repair of roads of local significance'",
        purpose: "'road_maintenance'",
        direction: "'expenditure'",
        approvedTiyn: '1000000 + n',
        allocationTiyn: '1000000 + n',
        spentTiyn: 'n * 10',
        publishedAt: 'now()',
      },
      'FROM generate_series(0, $1 - 1) n',
      [programmes, YEAR],
    );
    await ds.query('ANALYZE'); // the scratch database holds the two tables and nothing else
    log(`seeded ${fmt(programmes)} programmes (${fmt(programmes * 3)} lines)`);
    const exports = new RegisterExportQueries(ds);

    // Streamed, as the service now answers: chunks consumed as they come (the client reading), one page at a time.
    const streamed = await heapGrowth(async (sample) => {
      let bytes = 0;
      for await (const chunk of exports.csv(YEAR)) {
        bytes += Buffer.byteLength(chunk);
        sample();
      }
      return bytes;
    });
    // Whole, as the service answered before: every line, then one string of the file.
    const whole = await heapGrowth(async (sample) => {
      const lines = [];
      for await (const page of exports.pages(YEAR)) lines.push(...page);
      sample();
      const fields = Object.keys(lines[0]) as Array<keyof (typeof lines)[number]>;
      const text = CSV_BOM + csvRow(fields) + lines.map((l) => csvRow(fields.map((f) => l[f]))).join('');
      sample();
      return Buffer.byteLength(text);
    });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ programmes, lines: programmes * 3, streamed, whole }, null, 2)}\n`);
    } else {
      const rows: TableRow[] = [
        ['streamed', 'file (MB)', fmt(round(streamed.bytes / MB, 1)), ''],
        ['', 'peak live heap growth (MB)', fmt(streamed.mb), 'about one page'],
        ['', 'seconds', streamed.seconds.toFixed(2), ''],
        ['whole', 'file (MB)', fmt(round(whole.bytes / MB, 1)), ''],
        ['', 'peak live heap growth (MB)', fmt(whole.mb), 'grows with the year'],
        ['', 'seconds', whole.seconds.toFixed(2), ''],
      ];
      printTable(
        [
          `register export of ${fmt(programmes)} programmes (${fmt(programmes * 3)} lines), server ${scratch.server}`,
          'live heap: measured after a full GC at every sample (the time spent in those GCs is left out)',
        ],
        rows,
      );
    }
  } finally {
    await ds.destroy().catch(() => undefined);
    await scratch.drop();
  }
}

main().catch((error: unknown) => fail(`bench:export failed: ${(error as Error).stack ?? String(error)}`));
