import type { AnyPublishedEvent } from './published-event';

/**
 * Events published as they are stored, each as v1 of its contract (no toPublic: nothing in them is held back), from
 * one table of event type to contract class; the list keeps the table's order. An event published otherwise (a
 * later version, a payload made public) is written out as its own PublishedEvent beside these.
 */
export function publishedAsV1(contracts: Record<string, new () => object>): AnyPublishedEvent[] {
  return Object.entries(contracts).map(([eventType, contract]) => ({ eventType, contract, schemaVersion: 1 }));
}
