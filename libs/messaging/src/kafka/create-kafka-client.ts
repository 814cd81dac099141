import { Kafka, logLevel as KafkaLogLevel, type SASLOptions } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';
import type { KafkaSasl } from '@app/platform';
import { stopIdleRequestQueuePolling } from './request-queue-idle.fix';

export interface KafkaClientOptions {
  /** SASL credentials (KAFKA_SASL_*); without them the client connects unauthenticated. */
  sasl?: KafkaSasl;
}

/** kafkajs client whose own logs go through the service's JSON logger. */
export function createKafkaClient(
  brokers: string[],
  clientId: string,
  logger: LoggerService,
  options: KafkaClientOptions = {},
): Kafka {
  const { sasl } = options;
  stopIdleRequestQueuePolling();
  return new Kafka({
    clientId,
    brokers,
    // kafkajs wants the mechanism as a literal type per variant; the three share the same shape.
    ...(sasl
      ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions }
      : {}),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }) => {
        const text = `${namespace}: ${log.message}`;
        if (level === KafkaLogLevel.ERROR) logger.error(text, 'kafkajs');
        else if (level === KafkaLogLevel.WARN) logger.warn(text, 'kafkajs');
        else logger.debug?.(text, 'kafkajs');
      },
  });
}
