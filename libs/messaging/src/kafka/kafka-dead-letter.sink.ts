import { deadLetterTopic } from '@app/contracts';
import { deadLetterHeaders } from '../dead-letters/dead-letter-headers';
import type { DeadLetterSink } from '../dead-letters/dead-letter-sink';
import type { IncomingMessage } from '../incoming-message';
import type { KafkaMessageBus } from './kafka-message-bus';

/** Sends a failed message, unchanged, to <topic>.dlq with the error and its origin in headers. */
export class KafkaDeadLetterSink implements DeadLetterSink {
  constructor(private readonly bus: KafkaMessageBus) {}

  async send(message: IncomingMessage, error: Error, consumer: string, reason: string): Promise<void> {
    await this.bus.sendRaw([
      {
        topic: deadLetterTopic(message.topic),
        key: message.key,
        value: message.value,
        headers: deadLetterHeaders(message, error, consumer, reason),
      },
    ]);
  }
}
