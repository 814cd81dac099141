import { checkpointsTopic, TOPICS } from '@app/contracts';
import type { MessageTransport, ServiceConfig, ServiceDefinition, TransportContext } from '@app/platform';
import { ConsumerHealth } from '../consumer-health';
import { MessagingMetrics } from '../messaging-metrics';
import { envelopeSecurity } from '../signing/envelope-security';
import { registerConsumerLagGauge } from './consumer-lag.gauge';
import { KafkaDeadLetterSink } from './kafka-dead-letter.sink';
import { createKafkaClient } from './create-kafka-client';
import { KafkaConsumerServer } from './kafka-consumer.server';
import { KafkaMessageBus } from './kafka-message-bus';
import { KafkaAdminConnection } from './kafka-admin-connection';
import { KafkaReadiness } from './kafka-readiness';
import { ensureTopics, physicalTopic } from './kafka-topics';

/** The production transport: one consumer group per service over its subscribed topics and the ping topic. */
export function createKafkaTransport(
  definition: ServiceDefinition,
  config: ServiceConfig,
  context: TransportContext,
): MessageTransport {
  const { logger } = context;
  if (!config.kafkaBrokers) throw new Error('createKafkaTransport needs KAFKA_BROKERS');
  const kafka = createKafkaClient(config.kafkaBrokers, definition.name, logger, { sasl: config.kafkaSasl });
  const ns = config.kafkaNamespace;
  const consumed = [...definition.subscribes, TOPICS.pings].map((t) => physicalTopic(ns, t));
  const produced = [definition.publishes, TOPICS.pings].map((t) => physicalTopic(ns, t));
  // Signed checkpoints of the service's Merkle log, for witnesses to follow; no service consumes them.
  const checkpoints = physicalTopic(ns, checkpointsTopic(definition.name));
  const { signer, verifier } = envelopeSecurity(definition, config.envelopeKeys);
  const health = new ConsumerHealth(context.metrics);
  const bus = new KafkaMessageBus(kafka, ns, signer);
  const adminConnection = new KafkaAdminConnection(kafka);
  const readiness = new KafkaReadiness(adminConnection);
  const groupId = physicalTopic(ns, definition.name);
  const server = new KafkaConsumerServer({
    kafka,
    groupId,
    topics: consumed,
    prepare: () => ensureTopics(kafka, [...consumed, ...produced], [checkpoints]),
    dispatch: {
      consumer: definition.name,
      logger,
      deadLetters: new KafkaDeadLetterSink(bus),
      metrics: MessagingMetrics.of(context.metrics),
      database: { dataSource: context.dataSource, schema: definition.schema },
      verifier,
      health,
      logicalTopic: (topic) => (ns && topic.startsWith(`${ns}.`) ? topic.slice(ns.length + 1) : topic),
    },
  });
  registerConsumerLagGauge(context.metrics, adminConnection, groupId, consumed);
  return {
    bus,
    server,
    readiness: [readiness, health],
    async close() {
      await server.close();
      await bus.close();
      await adminConnection.close();
    },
  };
}
