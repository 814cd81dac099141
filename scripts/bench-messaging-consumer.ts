// The consumer side of bench:messaging, in a process of its own as a consuming service runs apart from the producing
// one: the services' KafkaConsumerServer with one handler whose effect goes through the Inbox (runs of messages in one
// transaction, as the services). Started by bench-messaging.ts with fork(); reports each effect's commit time over IPC.
// Sharing one process (and one event loop, ~80% busy at 500 events/s) with the producer and relay added queueing
// that two services never have.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { Consumer } from 'kafkajs';
import { Registry, type Counter } from 'prom-client';
import type { DataSource } from 'typeorm';
import { validateContract, type IntegrationEnvelope } from '@app/contracts';
import {
  ConsumerHealth,
  createKafkaClient,
  EnvelopeVerifier,
  Inbox,
  KafkaConsumerServer,
  MessagingMetrics,
  type IncomingMessage,
} from '@app/messaging';
import { createServiceDataSource, JsonLogger, preparedQuery, type ServiceDefinition } from '@app/platform';
import * as wire from './bench-messaging-contract';
import { stderrLogger } from './cli-support';

const send = (message: wire.FromConsumer) => process.send?.(message);

/** A counter's total over those of its label sets that `keep` accepts. */
async function total(
  counter: Counter<string>,
  keep: (labels: Record<string, unknown>) => boolean = () => true,
): Promise<number> {
  const { values } = await counter.get();
  return values.filter((v) => keep(v.labels)).reduce((n, v) => n + v.value, 0);
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as wire.ConsumerProcessSpec;
  const registry = new Registry();
  const metrics = MessagingMetrics.of(registry);
  const dataSource: DataSource = createServiceDataSource({
    databaseUrl: spec.databaseUrl,
    schema: wire.CONSUMER_SCHEMA,
    migrations: [],
    applicationName: 'bench-messaging-consumer',
    poolSize: 4,
  });
  await dataSource.initialize();
  const definition: ServiceDefinition = {
    name: wire.CONSUMER,
    schema: wire.CONSUMER_SCHEMA,
    defaultPort: 0,
    module: class BenchConsumerModule {},
    migrations: [],
    publishes: spec.topic,
    subscribes: [spec.topic],
  };
  const inbox = new Inbox(dataSource, definition, registry);
  const server = new KafkaConsumerServer({
    kafka: createKafkaClient(spec.brokers, 'bench-messaging-consumer', stderrLogger('kafkajs')),
    groupId: spec.groupId,
    topics: [spec.topic],
    prepare: async () => undefined,
    dispatch: {
      consumer: wire.CONSUMER,
      logger: new JsonLogger('bench-consumer', 'warn', (line) => process.stderr.write(`${line}\n`)),
      // Counted by the dispatcher (messages_dead_lettered_total); the reason goes to stderr.
      deadLetters: {
        send: async (message: IncomingMessage, error: Error, _consumer: string, reason: string) =>
          void process.stderr.write(
            `dead letter (${reason}) ${message.partition}@${message.offset}: ${error.message}\n`,
          ),
      },
      metrics,
      database: { dataSource, schema: wire.CONSUMER_SCHEMA },
      verifier: new EnvelopeVerifier(spec.publicKeys),
      health: new ConsumerHealth(registry),
      logicalTopic: (topic) => topic.slice(spec.namespace.length + 1),
    },
  });

  // Commit times go out in small batches: an IPC message per effect would cost the loop more than the effect.
  let pending: Array<[string, number]> = [];
  const flush = () => {
    if (pending.length === 0) return;
    send({ kind: 'effects', effects: pending });
    pending = [];
  };
  // Every 10 ms: the times are taken at commit, so this only bounds how soon the producer hears of them.
  const flusher = setInterval(flush, 10);

  server.addHandler(
    wire.BENCH_EVENT_TYPE,
    async (envelope: IntegrationEnvelope) => {
      const payload = validateContract(wire.BenchEventV1, envelope.payload);
      await inbox.once(wire.CONSUMER, envelope, async (manager) => {
        // Prepared, as the services' own writes in a handler are (the event store's append).
        await preparedQuery(
          manager,
          `INSERT INTO "${wire.CONSUMER_SCHEMA}".effects (event_id, appended_at) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING`,
          [envelope.eventId, new Date(payload.sentAt)],
        );
      });
      // The effect counts when its transaction committed (after the run's commit inside a run).
      inbox.afterCommit(() => pending.push([envelope.eventId, performance.timeOrigin + performance.now()]));
    },
    true,
  );

  const counts = async (): Promise<wire.ConsumerCounts> => ({
    runsCommitted: await total(metrics.runs, (l) => l.outcome === 'committed'),
    runsRolledBack: await total(metrics.runs, (l) => l.outcome === 'rolled_back'),
    consumed: await total(metrics.consumed),
    inRuns: await total(metrics.runMessages),
    deadLetters: await total(metrics.deadLettered),
  });
  const stop = async () => {
    clearInterval(flusher);
    flush();
    await server.close();
    await dataSource.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: wire.ToConsumer) => {
    if (message.kind === 'counts') void counts().then((c) => send({ kind: 'counts', counts: c }));
    if (message.kind === 'stop') void stop();
  });
  // The benchmark gone (Ctrl-C, a crash): leave the group and go.
  process.on('disconnect', () => void stop());

  server.listen(() => undefined);
  // listen() creates the kafkajs consumer synchronously and connects it in the background.
  const consumer = server.unwrap<Consumer>();
  await new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  send({ kind: 'ready' });
}

main().catch((error: Error) => {
  send({ kind: 'failed', error: error.stack ?? error.message });
  process.exit(2);
});
