/** Kafka headers every message carries (DESIGN.md §4), so tools can route without parsing the value. */
export const MESSAGE_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
} as const;
