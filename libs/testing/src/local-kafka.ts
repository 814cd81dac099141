import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = join(process.cwd(), 'docker', 'kafka');

export interface LocalKafkaOptions {
  port: number;
  /** Own data folder, so a private broker never touches the shared one. */
  dataDir?: string;
  /** More variables for docker/kafka/kafka-start.sh (KAFKA_SASL, KAFKA_SCRAM_USERS, ...). */
  env?: Record<string, string>;
}

function scriptEnv(options: LocalKafkaOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...options.env,
    KAFKA_PORT: String(options.port),
    ...(options.dataDir ? { KAFKA_DATA_DIR: options.dataDir } : {}),
  };
}

/** Starts (or reuses) the KRaft broker assembled from Maven Central jars; resolves with its bootstrap address. */
export async function startLocalKafka(options: LocalKafkaOptions): Promise<string> {
  const { stdout } = await run('bash', [join(SCRIPTS, 'kafka-start.sh')], {
    env: scriptEnv(options),
    maxBuffer: 16 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  return stdout.trim().split('\n').pop()!;
}

export async function stopLocalKafka(options: LocalKafkaOptions & { wipe?: boolean }): Promise<void> {
  await run('bash', [join(SCRIPTS, 'kafka-stop.sh')], {
    env: { ...scriptEnv(options), KAFKA_WIPE: options.wipe ? '1' : '0' },
    timeout: 60_000,
  });
}

/** A broker of one test's own: started, stopped and restarted at will, while the suite's shared broker stays up. */
export interface PrivateKafka extends LocalKafkaOptions {
  dataDir: string;
  /** Its bootstrap address, for KAFKA_BROKERS. */
  brokers: string;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** Stops it if it runs and deletes its data folder: for afterAll. */
  remove(): Promise<void>;
}

/** A private broker on `port` with its data in a fresh temporary folder named after `label`; not started yet. */
export function privateKafka(port: number, label: string, env?: Record<string, string>): PrivateKafka {
  const options = { port, dataDir: mkdtempSync(join(tmpdir(), `${label}-`)), env };
  return {
    ...options,
    brokers: `127.0.0.1:${port}`,
    start: () => startLocalKafka(options),
    stop: () => stopLocalKafka(options),
    async remove() {
      await stopLocalKafka({ ...options, wipe: true }).catch(() => undefined);
      rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}
