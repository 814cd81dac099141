import { MESSAGE_HEADERS } from '@app/contracts';
import { beginSpan, inSpan, SpanKind, tracingActive, type OutgoingMessage } from '@app/platform';
import type { IncomingMessage } from '../incoming-message';

/** `messaging.system` of a span: Kafka, or the embedded default's in-process bus. */
export type MessagingSystem = 'kafka' | 'in_process';

/**
 * Publishes with one PRODUCER span per message, child of the context the message continues (the request that
 * appended its event, see OutgoingMessage.trace) or of the active one, and that span's W3C Trace Context in the
 * message's `traceparent` / `tracestate` headers. The headers ride outside the signed value: the signature covers
 * signer, topic, key and value bytes only. Tracing off: the messages go out as they are.
 */
export async function publishInSpans(
  system: MessagingSystem,
  messages: OutgoingMessage[],
  send: (messages: OutgoingMessage[]) => Promise<void>,
): Promise<void> {
  if (!tracingActive()) return send(messages);
  const spans = messages.map((m) =>
    beginSpan(`send ${m.topic}`, {
      kind: SpanKind.PRODUCER,
      remoteParent: m.trace,
      attributes: {
        'messaging.system': system,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': m.topic,
        'messaging.message.id': m.headers[MESSAGE_HEADERS.eventId],
        'messaging.kafka.message.key': m.key,
      },
    })!,
  );
  try {
    await send(messages.map((m, i) => ({ ...m, headers: { ...m.headers, ...spans[i].headers } })));
  } catch (error) {
    spans.forEach((span) => span.end(error));
    throw error;
  }
  spans.forEach((span) => span.end());
}

/** Handles a message inside a CONSUMER span, child of the producer's span its headers name (none: a new trace). */
export function consumeInSpan<T>(
  system: MessagingSystem,
  message: IncomingMessage,
  topic: string,
  handle: () => Promise<T>,
): Promise<T> {
  if (!tracingActive()) return handle();
  return inSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      remoteParent: message.headers,
      attributes: {
        'messaging.system': system,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(message.partition),
        'messaging.kafka.offset': Number(message.offset),
        'messaging.message.id': message.headers[MESSAGE_HEADERS.eventId],
      },
    },
    handle,
  );
}
