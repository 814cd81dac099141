import type { MessageHandler } from '@nestjs/microservices';
import {
  asEnvelope,
  envelopeProblems,
  MESSAGE_HEADERS,
  PING_SENT,
  TOPICS,
  type IntegrationEnvelope,
} from '@app/contracts';
import type { IncomingMessage } from './incoming-message';
import type { EnvelopeVerifier } from './signing/envelope-signature';

/** A message that passed every check that needs no database: signed by the owner of its topic, a valid envelope. */
export interface CheckedMessage {
  message: IncomingMessage;
  /** The logical topic (no namespace): what signatures and chain states name. */
  topic: string;
  envelope: IntegrationEnvelope;
  signer: string;
  handler: MessageHandler | null;
  /** Set when the message comes back from the parked messages. */
  parkedId?: string;
}

export type RefusalReason = 'bad_signature' | 'invalid';

export interface RefusedMessage {
  refused: RefusalReason;
  error: Error;
}

/** Thrown inside a check: a message that can never succeed however often it is tried. */
export class PoisonMessage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessage';
  }
}

function parse(value: string): IntegrationEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    throw new PoisonMessage('value is not JSON');
  }
  // The IntegrationEnvelope contract, checked by hand on this hot path (see envelopeProblems).
  const problems = envelopeProblems(raw);
  if (problems.length > 0) throw new PoisonMessage(`invalid envelope: ${problems.join('; ')}`);
  return asEnvelope(raw);
}

/**
 * Signature first (it covers signer, topic, key and the value's bytes), then the envelope, then that the headers
 * tools route by say what the signed body says: a forged or misplaced message is refused before anything reads it.
 */
export async function checkMessage(
  message: IncomingMessage,
  topic: string,
  verifier: EnvelopeVerifier,
  handlerOf: (eventType: string) => MessageHandler | null,
  /** How many messages are checked together (EnvelopeVerifier.checkAsync). */
  batch = 1,
): Promise<CheckedMessage | RefusedMessage> {
  const signature = await verifier.checkAsync(
    { topic, key: message.key, value: message.value, headers: message.headers },
    batch,
  );
  if (!signature.ok) return { refused: 'bad_signature', error: new PoisonMessage(signature.problem) };
  let envelope: IntegrationEnvelope;
  try {
    envelope = parse(message.value);
  } catch (error) {
    return { refused: 'invalid', error: error as Error };
  }
  const eventType = message.headers[MESSAGE_HEADERS.eventType];
  if (eventType !== envelope.eventType) {
    return {
      refused: 'bad_signature',
      error: new PoisonMessage(
        `event-type header ${JSON.stringify(eventType)} differs from the signed envelope's ${envelope.eventType}`,
      ),
    };
  }
  const eventId = message.headers[MESSAGE_HEADERS.eventId];
  if (eventId !== undefined && eventId !== envelope.eventId) {
    return {
      refused: 'bad_signature',
      error: new PoisonMessage(
        `event-id header ${JSON.stringify(eventId)} differs from the signed envelope's ${envelope.eventId}`,
      ),
    };
  }
  // Every service may write the pings topic, so it carries pings and nothing else: a fact sent there is forged.
  if ((topic === TOPICS.pings) !== (envelope.eventType === PING_SENT.eventType)) {
    return { refused: 'bad_signature', error: new PoisonMessage(`${envelope.eventType} is not published on ${topic}`) };
  }
  if (message.key !== envelope.streamId) {
    return {
      refused: 'invalid',
      error: new PoisonMessage(
        `record key ${JSON.stringify(message.key)} is not the envelope's stream id ${envelope.streamId}`,
      ),
    };
  }
  return { message, topic, envelope, signer: signature.signer, handler: handlerOf(envelope.eventType) };
}
