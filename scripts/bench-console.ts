// The console in a real Chromium, against road-cases holding many cases: how soon the first page is interactive,
// and whether the case board pages rather than loading every case. Prints each figure beside its target and beside
// a floor measured in the same run (the bare HTTP fetches the page needs, with no browser):
//   npm run bench:console [-- --cases 10000 --runs 5 --json]
// Needs `npm run build` (dist/apps/road-cases and dist/apps/console with its page), the Kafka broker
// (KAFKA_BROKERS, default 127.0.0.1:9092) and Chromium (CHROMIUM_PATH, else chromium on PATH). DATABASE_URL names the
// Postgres server (default the local one; the role needs CREATEDB); the scratch database and the processes go at the
// end. Figures are printed, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { issueDevToken } from '@app/platform';
import { latencyFigures, machineRows, log, printTable, round, sampleProcess, type TableRow } from './bench-support';
import { exitOnHelp, fail, fmt, parseOptions } from './cli-support';
import { runServiceBenchmark } from './service-bench-support';

const USAGE = 'usage: npm run bench:console -- [--cases N (10000)] [--runs N (5)] [--json]';
/** The issue's targets: the first page interactive within a second on localhost; the board one page of cases. */
const INTERACTIVE_TARGET_MS = 1000;
const SEED_CONCURRENCY = 16;

function readOptions() {
  const values = parseOptions(USAGE, '', {
    cases: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  });
  const cases = Number(values.cases);
  const runs = Number(values.runs);
  if (!Number.isInteger(cases) || cases < 1 || cases > 200_000)
    fail(`--cases is a whole number from 1 to 200000\n${USAGE}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) fail(`--runs is a whole number from 1 to 50\n${USAGE}`);
  return { cases, runs, json: values.json === true };
}

function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : fail(`CHROMIUM_PATH is ${given}, which does not exist`);
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // Not on PATH; try the next name.
    }
  }
  return fail('no Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH');
}

/** Opens `count` cases on road-cases as an inspector, SEED_CONCURRENCY at a time, with progress on stderr. */
async function seedCases(roadCases: string, token: string, count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const one = async (i: number) => {
    const answer = await fetch(`${roadCases}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        location: { lat: 42.85 + (i % 100) / 1000, lon: 71.35 + Math.floor(i / 100) / 10_000 },
        district: 'Taraz',
        address: `Tole bi ${i + 1}`,
        defectType: (['pothole', 'crack', 'rutting'] as const)[i % 3],
        description: `Bench case ${i + 1}`,
      }),
    });
    if (answer.status !== 201) throw new Error(`POST /cases answered ${answer.status}: ${await answer.text()}`);
  };
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (next < count) {
        await one(next++);
        if (++done % 1000 === 0 || done === count) log(`  ${fmt(done)} of ${fmt(count)} cases opened`);
      }
    }),
  );
  return round(count / ((performance.now() - started) / 1000));
}

/** The page's HTML and every script and stylesheet it names, fetched as bare HTTP: the floor under a browser's load. */
async function bareFetchMs(consoleUrl: string): Promise<number> {
  const started = performance.now();
  const html = await (await fetch(`${consoleUrl}/`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(([, path]) => path);
  await Promise.all(assets.map(async (path) => (await fetch(`${consoleUrl}${path}`)).arrayBuffer()));
  return performance.now() - started;
}

interface Timings {
  median: number;
  p95: number;
  max: number;
}
/** The benches' latency figures, whole ms, under the names this report has always had. */
const timings = (samples: number[]): Timings => {
  const { p50Ms, p95Ms, maxMs } = latencyFigures(samples, 0);
  return { median: p50Ms, p95: p95Ms, max: maxMs };
};

/** From navigation to the page's heading on screen, in a fresh context (empty cache) each run. */
async function firstPageMs(browser: Browser, consoleUrl: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${consoleUrl}/`);
    await page.locator('#page-title').waitFor();
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

interface BoardRun {
  firstRowMs: number;
  rowsInPage: number;
  apiBytes: number;
  nextPageMs: number;
  pagerText: string;
}

/** Signs in as an inspector (the development page), opens the board, counts what it drew, and turns one page. */
async function boardRun(browser: Browser, consoleUrl: string): Promise<BoardRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let apiBytes = 0;
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/road-cases/cases')
        void response.body().then((body) => (apiBytes = Math.max(apiBytes, body.length)));
    });
    await page.goto(`${consoleUrl}/sign-in?next=${encodeURIComponent('/')}`);
    await page.locator('#sign-in-role').selectOption('inspector');
    await page.locator('#sign-in-sub').fill('inspector-bench');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('signed-in-as').waitFor();
    const started = performance.now();
    // Within the page, by its navigation (a reload would lose the token, which lives in memory only).
    await page.locator('a[href="/cases"]').first().click();
    await page.locator('table.cases tbody tr').first().waitFor();
    const firstRowMs = performance.now() - started;
    const rowsInPage = await page.locator('table.cases tbody tr').count();
    const pagerText = (await page.locator('.pager span').first().textContent()) ?? '';
    const firstId = await page.locator('table.cases tbody tr').first().getAttribute('data-case-id');
    const turned = performance.now();
    await page.locator('.pager button').last().click();
    // Until the first page's first case has left the table (the next page is drawn).
    await page.locator(`table.cases tbody tr[data-case-id="${firstId}"]`).waitFor({ state: 'detached' });
    const nextPageMs = performance.now() - turned;
    return { firstRowMs, rowsInPage, apiBytes, nextPageMs, pagerText };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const o = readOptions();
  for (const file of ['dist/apps/road-cases/main.js', 'dist/apps/console/main.js', 'dist/apps/console/web/index.html'])
    if (!existsSync(file)) fail(`${file} is missing: run npm run build first`);
  const executablePath = chromiumPath();
  const sampler = sampleProcess();
  let browser: Browser | undefined;
  await runServiceBenchmark(
    {
      name: 'bench:console',
      onSignal: 'closing the browser, stopping the processes, dropping the scratch database',
      beforeStop: async () => browser?.close(),
    },
    async ({ start, serviceEnv, jwtSecret }) => {
      log('starting road-cases and the console as processes of their own');
      const roadCases = await start(
        'road-cases',
        serviceEnv({
          ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0',
          // One client (this script, then the browser through the console) makes far more calls than a person would.
          PUBLIC_RATE_LIMIT_BURST: '1000000',
          PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
        }),
      );
      const consoleServer = await start('console', {
        CONSOLE_PORT: '0',
        CONSOLE_ROAD_CASES_URL: roadCases.url,
        CONSOLE_TILE_URL: 'none',
        JWT_SECRET: jwtSecret,
      });
      log(`opening ${fmt(o.cases)} cases on road-cases (${SEED_CONCURRENCY} at a time)`);
      const seedRate = await seedCases(
        roadCases.url,
        issueDevToken(jwtSecret, { sub: 'bench', role: 'inspector' }),
        o.cases,
      );

      browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
      log(`measuring ${o.runs} runs of each in Chromium`);
      await firstPageMs(browser, consoleServer.url); // warm the server's file reads once
      const first: number[] = [];
      const floor: number[] = [];
      const board: BoardRun[] = [];
      const apiFloor: number[] = [];
      const token = issueDevToken(jwtSecret, { sub: 'bench', role: 'inspector' });
      for (let run = 0; run < o.runs; run++) {
        floor.push(await bareFetchMs(consoleServer.url));
        first.push(await firstPageMs(browser, consoleServer.url));
        const apiStarted = performance.now();
        await (
          await fetch(`${consoleServer.url}/api/road-cases/cases?page=1&limit=50`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).arrayBuffer();
        apiFloor.push(performance.now() - apiStarted);
        board.push(await boardRun(browser, consoleServer.url));
      }
      const { loadAverage, cpuReferenceMs } = sampler.finish();
      const rows = board[board.length - 1].rowsInPage;
      const bytesPerRow = board[board.length - 1].apiBytes / Math.max(rows, 1);
      const report = {
        cpus: cpus().length,
        cases: o.cases,
        seedCasesPerSecond: seedRate,
        runs: o.runs,
        firstPageInteractiveMs: timings(first),
        firstPageBareFetchMs: timings(floor),
        boardFirstRowMs: timings(board.map((b) => b.firstRowMs)),
        boardApiPageBareMs: timings(apiFloor),
        boardNextPageMs: timings(board.map((b) => b.nextPageMs)),
        boardRowsDrawn: rows,
        boardPager: board[board.length - 1].pagerText,
        boardPageBytes: board[board.length - 1].apiBytes,
        allCasesBytesEstimate: Math.round(bytesPerRow * o.cases),
        interactiveTargetMs: INTERACTIVE_TARGET_MS,
        loadAverage,
        cpuReferenceMs,
      };
      if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const ms = (t: Timings) => `${fmt(t.median)} / ${fmt(t.p95)} / ${fmt(t.max)}`;
        const met = (t: Timings) =>
          `< ${fmt(INTERACTIVE_TARGET_MS)} ${t.max < INTERACTIVE_TARGET_MS ? '(met)' : '(ABOVE)'}`;
        const table: TableRow[] = [
          [
            'first page',
            'interactive, ms (median / p95 / max)',
            ms(report.firstPageInteractiveMs),
            met(report.firstPageInteractiveMs),
          ],
          ['', 'floor: its HTML and assets by bare HTTP, ms', ms(report.firstPageBareFetchMs), 'same run'],
          [
            'case board',
            `first row on screen with ${fmt(o.cases)} cases, ms`,
            ms(report.boardFirstRowMs),
            met(report.boardFirstRowMs),
          ],
          ['', 'floor: one page of 50 by bare HTTP, ms', ms(report.boardApiPageBareMs), 'same run'],
          ['', 'next page, ms', ms(report.boardNextPageMs), met(report.boardNextPageMs)],
          [
            '',
            'rows drawn / cases held',
            `${fmt(rows)} / ${fmt(o.cases)} (${report.boardPager})`,
            rows < o.cases ? 'pages (met)' : 'ALL LOADED',
          ],
          [
            '',
            'bytes of one page / of every case at that size',
            `${fmt(report.boardPageBytes)} / ${fmt(report.allCasesBytesEstimate)}`,
            '',
          ],
          ['seed', 'cases opened per second (POST /cases)', fmt(seedRate), ''],
          ...machineRows('load', { loadAverage, cpuReferenceMs }),
        ];
        printTable(
          [
            `console benchmark: Chromium against road-cases with ${fmt(o.cases)} cases, ${o.runs} runs (${report.cpus} CPUs)`,
          ],
          table,
        );
      }
    },
  );
}

void main();
