// Runs the four services as the separate processes operators run (dist/apps/<service>/main.js, npm run build first)
// on a scratch database and the Kafka broker, drives them with the demo year, and prints each one's peak resident
// memory (the kernel's own high-water mark, VmHWM) beside the ceiling a service must stay under:
//   npm run bench:services [-- --scale 0.1|1 --json]
// DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres; the role needs CREATEDB),
// KAFKA_BROKERS the broker (default 127.0.0.1:9092). The scratch database and the processes go at the end.
// Figures are printed next to their targets, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SERVICE_NAMES } from '@app/contracts';
import { machineRows, log, printTable, round, sampleProcess, type TableRow } from './bench-support';
import { exitOnHelp, fail, fmt, parseOptions } from './cli-support';
import { runServiceBenchmark } from './service-bench-support';

/** Peak RSS a service may reach under the demo's load. */
const CEILING_RSS_MB = 300;
const USAGE = 'usage: npm run bench:services -- [--scale 0.1|1] [--json]';

function readOptions() {
  const values = parseOptions(USAGE, '', {
    scale: { type: 'string', default: '0.1' },
    json: { type: 'boolean', default: false },
  });
  if (values.scale !== '0.1' && values.scale !== '1') fail(`--scale is 0.1 or 1\n${USAGE}`);
  return { scale: values.scale, json: values.json === true };
}

/** A process's peak and current resident set (MB) from /proc: the kernel's figures, not a sampled guess. */
function residentMb(pid: number): { peakMb: number; nowMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb('VmHWM') / 1024), nowMb: Math.round(kb('VmRSS') / 1024) };
}

/** The demo year against the services' URLs, its progress on this process's stderr. */
function runDemo(urls: Record<string, string>, scale: string, jwtSecret: string): Promise<void> {
  const args = ['tsx', 'scripts/demo.ts', '--scale', scale];
  for (const [name, url] of Object.entries(urls)) args.push(`--${name}`, url);
  return new Promise((resolve, reject) => {
    const demo = spawn('npx', args, {
      env: { ...process.env, JWT_SECRET: jwtSecret },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    demo.on('error', reject);
    demo.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the demo exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const o = readOptions();
  const started = performance.now();
  const sampler = sampleProcess();
  await runServiceBenchmark(
    { name: 'bench:services', onSignal: 'stopping the services, dropping the scratch database' },
    async ({ start, serviceEnv, jwtSecret, scratch, processes: services }) => {
      log(`starting ${SERVICE_NAMES.join(', ')} as processes of their own`);
      for (const name of SERVICE_NAMES)
        await start(
          name,
          serviceEnv({
            // More of Node's flags beside every app's own (SERVICE_NODE_FLAGS), to compare a heap setting.
            ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
            // The demo files a year of reports from a few citizens in minutes, far faster than people would.
            PUBLIC_RATE_LIMIT_BURST: '100000',
            PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
            REPORT_RATE_LIMIT_CITIZEN_BURST: '100000',
            REPORT_RATE_LIMIT_CITIZEN_PER_MINUTE: '100000',
          }),
        );
      const atStart = Object.fromEntries(services.map((s) => [s.app, residentMb(s.child.pid!)]));
      log(`running the demo year (scale ${o.scale}) against them`);
      const demoStarted = performance.now();
      await runDemo(Object.fromEntries(services.map((s) => [s.app, s.url])), o.scale, jwtSecret);
      const demoSeconds = round((performance.now() - demoStarted) / 1000, 1);
      const figures = services.map((s) => ({
        service: s.app,
        startMb: atStart[s.app].nowMb,
        ...residentMb(s.child.pid!),
      }));
      const { loadAverage, cpuReferenceMs } = sampler.finish();
      const report = {
        server: scratch.server,
        cpus: cpus().length,
        scale: o.scale,
        demoSeconds,
        services: figures,
        ceilingRssMb: CEILING_RSS_MB,
        loadAverage,
        cpuReferenceMs,
        totalSeconds: round((performance.now() - started) / 1000, 1),
      };
      if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const rows: TableRow[] = figures.flatMap((f): TableRow[] => [
          [
            f.service,
            'peak RSS (MB)',
            fmt(f.peakMb),
            `<= ${CEILING_RSS_MB} ${f.peakMb <= CEILING_RSS_MB ? '(met)' : '(ABOVE)'}`,
          ],
          ['', 'RSS after start / at the end (MB)', `${fmt(f.startMb)} / ${fmt(f.nowMb)}`, ''],
        ]);
        rows.push(...machineRows('load', { loadAverage, cpuReferenceMs }));
        printTable(
          [
            `services benchmark: the four services as processes, the demo year at scale ${o.scale} in ${demoSeconds} s (${report.cpus} CPUs)`,
          ],
          rows,
        );
      }
    },
  );
}

void main();
