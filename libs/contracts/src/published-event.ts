/**
 * How a stored event becomes a public integration event: which contract it is published as, and how its
 * payload is made public (personal data such as a reporter's contact or an offender's IIN never leaves in clear).
 */
export interface PublishedEvent<StoredData = Record<string, unknown>, Public extends object = Record<string, unknown>> {
  eventType: string;
  /** Contract class that validates the public payload (class-validator decorators). */
  contract: new () => Public;
  schemaVersion: number;
  toPublic?: (data: StoredData) => Public;
}

/**
 * A service's list of published events mixes payload types, and `toPublic` takes its own stored type, so no one
 * type parameter fits every entry (function parameters are contravariant); each entry is checked where it is written.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPublishedEvent = PublishedEvent<any, any>;
