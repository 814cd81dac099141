import { validateContract, type AnyPublishedEvent } from '@app/contracts';

/** A stored event as it is told apart in a service's published list: its type and the data it was stored with. */
interface StoredEvent {
  type: string;
  data: unknown;
}

/**
 * A stored event as a service's published list takes it: the entry of its type and the payload that entry's
 * toPublic makes of its data (the data as stored without one). Throws for a type the list does not publish.
 */
export function publishedForm(published: AnyPublishedEvent[], event: StoredEvent) {
  const entry = published.find((p) => p.eventType === event.type);
  if (!entry) throw new Error(`${event.type} is not published`);
  return { published: entry, payload: entry.toPublic ? entry.toPublic(event.data) : event.data };
}

/** One test per stored event: the list publishes it at the schema version expected, as a valid contract. */
export function itPublishesEachAsAValidContract(
  published: AnyPublishedEvent[],
  events: StoredEvent[],
  schemaVersionOf: (eventType: string) => number,
): void {
  it.each(events.map((e) => [e.type, e] as const))('publishes %s as a valid contract', (_, event) => {
    const { published: entry, payload } = publishedForm(published, event);
    expect(entry.schemaVersion).toBe(schemaVersionOf(event.type));
    expect(() => validateContract(entry.contract, payload)).not.toThrow();
  });
}
