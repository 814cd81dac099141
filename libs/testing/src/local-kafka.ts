import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = join(process.cwd(), 'docker', 'kafka');

export interface LocalKafkaOptions {
  port: number;
  /** Own data folder, so a private broker never touches the shared one. */
  dataDir?: string;
}

function scriptEnv(options: LocalKafkaOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
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
