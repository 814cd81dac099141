import { TOPICS } from '@app/contracts';
import type { JsonLogger, MessageTransport, ServiceConfig, ServiceDefinition } from '@app/platform';
import { createKafkaClient } from './create-kafka-client';
import { KafkaConsumerServer } from './kafka-consumer.server';
import { KafkaMessageBus } from './kafka-message-bus';
import { KafkaReadiness } from './kafka-readiness';
import { ensureTopics, physicalTopic } from './kafka-topics';

/** The production transport: one consumer group per service over its subscribed topics and the ping topic. */
export function createKafkaTransport(
  definition: ServiceDefinition,
  config: ServiceConfig,
  logger: JsonLogger,
): MessageTransport {
  if (!config.kafkaBrokers) throw new Error('createKafkaTransport needs KAFKA_BROKERS');
  const kafka = createKafkaClient(config.kafkaBrokers, definition.name, logger);
  const ns = config.kafkaNamespace;
  const consumed = [...definition.subscribes, TOPICS.pings].map((t) => physicalTopic(ns, t));
  const produced = [definition.publishes, TOPICS.pings].map((t) => physicalTopic(ns, t));
  const bus = new KafkaMessageBus(kafka, ns);
  const readiness = new KafkaReadiness(kafka);
  const server = new KafkaConsumerServer({
    kafka,
    groupId: physicalTopic(ns, definition.name),
    topics: consumed,
    prepare: () => ensureTopics(kafka, [...consumed, ...produced]),
    logger,
  });
  return {
    bus,
    server,
    readiness,
    async close() {
      await server.close();
      await bus.close();
      await readiness.close();
    },
  };
}
