import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import type { LoggerService } from '@nestjs/common';

/** kafkajs client whose own logs go through the service's JSON logger. */
export function createKafkaClient(brokers: string[], clientId: string, logger: LoggerService): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    logLevel: KafkaLogLevel.WARN,
    logCreator: () => ({ namespace, level, log }) => {
      const text = `${namespace}: ${log.message}`;
      if (level === KafkaLogLevel.ERROR) logger.error(text, 'kafkajs');
      else if (level === KafkaLogLevel.WARN) logger.warn(text, 'kafkajs');
      else logger.debug?.(text, 'kafkajs');
    },
  });
}
