import {
  MESSAGE_HEADERS,
  validateContract,
  type AnyPublishedEvent,
  type EnvelopeActor,
  type IntegrationEnvelope,
} from '@app/contracts';
import type { RecordedEvent } from '@app/event-store';
import type { OutgoingMessage } from '@app/platform';

/** Who the world is told acted: a citizen as a pseudonym (PersonalDataKeyring.publicActor), staff as they are. */
export type PublicActor = (actor: EnvelopeActor) => EnvelopeActor;

/**
 * A stored event as the world sees it: public payload checked against its contract, hashes carried along.
 * What is published is the validated contract instance as plain JSON, never the stored or toPublic payload:
 * properties the contract does not declare (also inside nested @ValidateNested objects) are stripped, so a field
 * added to an event's data leaves the service only once a contract declares it. Throws ContractViolationError.
 */
export function toIntegrationEnvelope(
  event: RecordedEvent,
  published: AnyPublishedEvent,
  publicActor: PublicActor = (actor) => actor,
): IntegrationEnvelope {
  const candidate = published.toPublic ? published.toPublic(event.data) : event.data;
  const payload = JSON.parse(JSON.stringify(validateContract(published.contract, candidate))) as Record<
    string,
    unknown
  >;
  return {
    eventId: event.eventId,
    eventType: event.type,
    schemaVersion: published.schemaVersion,
    streamType: event.streamType,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    occurredAt: event.occurredAt.toISOString(),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    actor: publicActor({ id: event.metadata.actorId, role: event.metadata.actorRole }),
    hash: event.hash,
    previousHash: event.previousHash,
    payload,
  };
}

/** Kafka record of an envelope: keyed by stream id so a stream's events share a partition and stay in order. */
export function envelopeMessage(topic: string, envelope: IntegrationEnvelope<object>): OutgoingMessage {
  return {
    topic,
    key: envelope.streamId,
    value: envelope,
    headers: {
      [MESSAGE_HEADERS.eventId]: envelope.eventId,
      [MESSAGE_HEADERS.eventType]: envelope.eventType,
      [MESSAGE_HEADERS.schemaVersion]: String(envelope.schemaVersion),
      [MESSAGE_HEADERS.correlationId]: envelope.correlationId,
    },
  };
}
