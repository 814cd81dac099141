/** Kafka headers every message carries (docs/architecture.md, Messaging), so tools can route without parsing the value. */
export const MESSAGE_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  /** The service whose Ed25519 key signed the message, and the base64 signature (see EnvelopeSigner). */
  signer: 'signer',
  signature: 'signature',
} as const;

/** Headers added when a message is sent to a dead-letter topic, beside the original ones. */
export const DEAD_LETTER_HEADERS = {
  error: 'dlq-error',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
  consumer: 'dlq-consumer',
  /** bad_signature, invalid, chain_mismatch, refused or handler_failed. */
  reason: 'dlq-reason',
} as const;
