import { createHash, randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@app/contracts';

/** The previous hash of a stream's first event. */
export const GENESIS = '0'.repeat(64);

/**
 * An integration envelope as the owning service would publish it for the first event of a stream: a fresh event id,
 * a correlation id of its own unless given, the hash over the event id and payload, chained onto the genesis.
 */
export function testEnvelope<P extends object>(
  eventType: string,
  streamType: string,
  streamId: string,
  payload: P,
  options: { correlationId?: string; actor?: { id: string; role: string } } = {},
): IntegrationEnvelope<P> {
  const eventId = randomUUID();
  return {
    eventId,
    eventType,
    schemaVersion: 1,
    streamType,
    streamId,
    streamVersion: 1,
    occurredAt: new Date().toISOString(),
    correlationId: options.correlationId ?? `corr-${randomUUID()}`,
    causationId: null,
    actor: options.actor ?? { id: 'official-1', role: 'official' },
    hash: createHash('sha256')
      .update(`${eventId}:${JSON.stringify(payload)}`)
      .digest('hex'),
    previousHash: GENESIS,
    payload,
  };
}
