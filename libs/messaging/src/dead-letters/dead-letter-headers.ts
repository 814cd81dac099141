import { DEAD_LETTER_HEADERS } from '@app/contracts';
import type { IncomingMessage } from '../incoming-message';

/** The original headers plus why, where from and when, so a replay can put the message back as it was. */
export function deadLetterHeaders(
  message: IncomingMessage,
  error: Error,
  consumer: string,
  reason: string,
): Record<string, string> {
  return {
    ...message.headers,
    [DEAD_LETTER_HEADERS.error]: `${error.name}: ${error.message}`.slice(0, 2000),
    [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
    [DEAD_LETTER_HEADERS.consumer]: consumer,
    [DEAD_LETTER_HEADERS.reason]: reason,
  };
}
