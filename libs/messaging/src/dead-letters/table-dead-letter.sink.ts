import type { DataSource } from 'typeorm';
import { deadLetterHeaders } from './dead-letter-headers';
import type { DeadLetterSink } from './dead-letter-sink';
import type { IncomingMessage } from '../incoming-message';

/** Keeps dead letters of the in-process bus in the consumer's schema. */
export class TableDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  async send(message: IncomingMessage, error: Error, consumer: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${this.schema}".dead_letters (consumer, topic, message_key, value, headers, error) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        consumer,
        message.topic,
        message.key,
        message.value,
        JSON.stringify(deadLetterHeaders(message, error, consumer, reason)),
        error.message,
      ],
    );
  }
}
