import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { TOPICS, type IntegrationEnvelope } from '@app/contracts';
import { envelopeMessage, ensureTopics, KafkaMessageBus, physicalTopic } from '@app/messaging';
import { testEnv, topicOwnerSigner, uniqueNamespace } from '@app/testing';
import { provided } from './provided';

/** A client of the suite's broker, quiet (a test asserts on what it reads, not on kafkajs' logs). */
export const testKafka = (clientId: string): Kafka =>
  new Kafka({ clientId, brokers: testEnv('kafkaBrokers').split(','), logLevel: logLevel.NOTHING });

/**
 * A namespace of its own on the suite's broker, a client of it and the physical name there of the logical topic
 * `logical`. With `partitions`, the topic is created in beforeAll; without, the test creates it (with its dead letters,
 * say).
 */
export function topicUnderTest(
  label: string,
  logical: string,
  partitions?: number,
): { ns: string; kafka: Kafka; topic: string } {
  const ns = uniqueNamespace(label);
  const kafka = testKafka(label);
  const topic = physicalTopic(ns, logical);
  if (partitions)
    beforeAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      await admin.disconnect();
    });
  return { ns, kafka, topic };
}

/** The topics a monitoring process consumes and produces: they must exist before it starts (no auto-creation). */
export const MONITORING_TOPICS = [TOPICS.monitoring, TOPICS.budgets, TOPICS.roadCases, TOPICS.pings];
/** The topics a road-cases process consumes and produces. */
export const ROAD_CASES_TOPICS = [TOPICS.monitoring, TOPICS.budgets, TOPICS.roadCases, TOPICS.pings];
/** The topics a budgets process consumes and produces. */
export const BUDGETS_TOPICS = [TOPICS.roadCases, TOPICS.fines, TOPICS.monitoring, TOPICS.budgets, TOPICS.pings];

export interface KafkaUnderTest {
  /** The namespace of this describe block on the shared broker; give it to every service the block starts. */
  ns: string;
  kafka: Kafka;
  /** Produces as the owner of each topic (the test plays the services that own them). */
  bus: KafkaMessageBus;
  /** Produces envelopes to a logical topic (physical: in the namespace), signed as its owner. */
  produce(topic: string, ...envelopes: IntegrationEnvelope<object>[]): Promise<void>;
  /** Reads a logical topic from its beginning, every message to `onMessage`; disconnected in afterAll. */
  read(topic: string, onMessage: (message: KafkaMessage) => void): Promise<Consumer>;
  /** Reads a logical topic from its beginning into the returned list, as parsed envelopes. */
  collect(topic: string): Promise<IntegrationEnvelope[]>;
  /** `read`, started in beforeAll (after the services declared before this call). */
  reading(topic: string, onMessage: (message: KafkaMessage) => void): void;
  /** `collect`, started in beforeAll: the list fills from then on. */
  collecting(topic: string): IntegrationEnvelope[];
}

/**
 * A namespace of its own on the suite's broker for the describe block it is called in: the logical `topics` exist in
 * it (auto-creation is off, as in production) before any service starts, a bus produces into it, and the readers a
 * test opens are closed in afterAll.
 */
export function kafkaUnderTest(label: string, topics: string[]): KafkaUnderTest {
  const ns = uniqueNamespace(label);
  const kafka = testKafka(label);
  const bus = provided<KafkaMessageBus>(`${label} bus`);
  const readers: Consumer[] = [];
  beforeAll(async () => {
    await ensureTopics(
      kafka,
      topics.map((t) => physicalTopic(ns, t)),
    );
    bus.set(new KafkaMessageBus(kafka, ns, topicOwnerSigner()));
  });
  afterAll(async () => {
    await Promise.all(readers.map((r) => r.disconnect().catch(() => undefined)));
    await bus
      .current()
      ?.close()
      .catch(() => undefined);
  });
  const read = async (topic: string, onMessage: (message: KafkaMessage) => void) => {
    const reader = kafka.consumer({ groupId: `${ns}.test-reader-${randomUUID()}` });
    readers.push(reader);
    await reader.connect();
    await reader.subscribe({ topic: physicalTopic(ns, topic), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => onMessage(message) });
    return reader;
  };
  const collectInto = (seen: IntegrationEnvelope[]) => (message: KafkaMessage) =>
    void seen.push(JSON.parse(message.value!.toString()));
  return {
    ns,
    kafka,
    bus: bus.value,
    produce: (topic, ...envelopes) => bus.value.publish(envelopes.map((e) => envelopeMessage(topic, e))),
    read,
    async collect(topic) {
      const seen: IntegrationEnvelope[] = [];
      await read(topic, collectInto(seen));
      return seen;
    },
    reading: (topic, onMessage) => beforeAll(() => read(topic, onMessage)),
    collecting(topic) {
      const seen: IntegrationEnvelope[] = [];
      beforeAll(() => read(topic, collectInto(seen)));
      return seen;
    },
  };
}
