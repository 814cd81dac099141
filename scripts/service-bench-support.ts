// What the benchmarks that run built apps as processes of their own share (bench:console, bench:services): a scratch
// database, a Kafka namespace and a JWT secret of the run, every process stopped at the end (also on Ctrl-C) and the
// output of each shown when the run fails, since a process that died says why there and nowhere else.
import { randomBytes } from 'node:crypto';
import { startServiceProcess, type ServiceProcess } from '@app/testing';
import { createScratchDatabase, log, runBenchmark, type ScratchDatabase } from './bench-support';
import { kafkaBrokers } from './cli-support';

export interface ServiceBench {
  scratch: ScratchDatabase;
  /** The secret every process of the run checks tokens with. */
  jwtSecret: string;
  /** Starts a built app with `env`; stopped at the end. */
  start(app: string, env: Record<string, string>): Promise<ServiceProcess>;
  /** A service's environment: the scratch database, the broker in the run's namespace, the secret, a free port. */
  serviceEnv(more: Record<string, string>): Record<string, string>;
  /** The processes started so far, in order. */
  processes: ServiceProcess[];
}

export interface ServiceBenchOptions {
  /** The npm script's name, "bench:console": the scratch database is bench_console_<random>, the namespace bench-console-<random>. */
  name: string;
  /** What Ctrl-C is said to do. */
  onSignal: string;
  /** Closed before the processes stop (a browser driving them). */
  beforeStop?: () => Promise<void>;
}

/** Runs `body` with a ServiceBench, as runBenchmark runs a benchmark (exit 2 on failure, 130 on Ctrl-C). */
export async function runServiceBenchmark(
  { name, onSignal, beforeStop }: ServiceBenchOptions,
  body: (bench: ServiceBench) => Promise<void>,
): Promise<void> {
  const label = name.replace(':', '-');
  const suffix = randomBytes(4).toString('hex');
  const scratch = await createScratchDatabase(`${label.replace('-', '_')}_${suffix}`, label);
  const jwtSecret = randomBytes(32).toString('hex');
  const processes: ServiceProcess[] = [];
  const bench: ServiceBench = {
    scratch,
    jwtSecret,
    processes,
    async start(app, env) {
      const started = await startServiceProcess(app, env);
      processes.push(started);
      return started;
    },
    serviceEnv: (more) => ({
      DATABASE_URL: scratch.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_NAMESPACE: `${label}-${suffix}`,
      JWT_SECRET: jwtSecret,
      PORT: '0',
      ...more,
    }),
  };
  await runBenchmark(
    name,
    onSignal,
    async () => {
      await beforeStop?.().catch(() => undefined);
      await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
      await scratch.drop();
    },
    () => body(bench),
    () => {
      for (const p of processes) log(`--- ${p.app} output (last 2,000 characters) ---\n${p.output().slice(-2000)}`);
    },
  );
}
