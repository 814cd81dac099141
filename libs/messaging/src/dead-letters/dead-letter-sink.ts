import type { IncomingMessage } from '../incoming-message';

/** Where a message goes when it cannot be parsed or handled: the partition moves on, the message is kept. */
export interface DeadLetterSink {
  send(message: IncomingMessage, error: Error, consumer: string, reason: string): Promise<void>;
}
