// The operator scripts' connection to the broker (events:tail, dlq:replay): KAFKA_BROKERS and the KAFKA_SASL_* login
// read the one way, and the same words when the broker or a topic is not there.
import type { Admin, Kafka } from 'kafkajs';
import { createKafkaClient } from '@app/messaging';
import { fail, kafkaBrokers, kafkaSasl, stderrLogger, UsageError } from './cli-support';

export interface KafkaConnection {
  brokers: string[];
  kafka: Kafka;
  /** Connected; the caller disconnects it. */
  admin: Admin;
}

/** A client as `clientId` and its admin, connected; exits 2 naming the brokers when they cannot be reached. */
export async function connectToKafka(clientId: string): Promise<KafkaConnection> {
  const brokers = kafkaBrokers();
  const kafka = createKafkaClient(brokers, clientId, stderrLogger('kafkajs'), { sasl: kafkaSasl() });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    fail(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message}`);
  }
  return { brokers, kafka, admin };
}

/**
 * The broker's topics, which must hold `topic`: else a UsageError (`what` names it: "topic", "dead-letter topic"),
 * with a hint at --namespace when none was given.
 */
export async function requireTopic(
  { admin, brokers }: KafkaConnection,
  what: string,
  topic: string,
  namespace: string,
): Promise<string[]> {
  const topics = await admin.listTopics();
  if (topics.includes(topic)) return topics;
  throw new UsageError(
    `${what} ${topic} does not exist on ${brokers.join(',')}${namespace ? '' : ' (a namespaced deployment? pass --namespace)'}`,
  );
}
