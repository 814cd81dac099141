import { createHash, randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@app/contracts';

const GENESIS = '0'.repeat(64);

/**
 * The envelopes of one upstream stream as a producing service would publish them: versions 1, 2, … each naming the
 * previous one's hash, so a consumer (which checks every stream's chain) takes them. For tests that play a producer.
 */
export class TestChain {
  private version = 0;
  private hash = GENESIS;

  constructor(
    readonly streamType: string,
    readonly streamId: string,
    private readonly defaults: { correlationId?: string; actor?: { id: string; role: string } } = {},
  ) {}

  /** The stream's next envelope. */
  next<P extends object>(
    eventType: string,
    payload: P,
    options: {
      correlationId?: string;
      actor?: { id: string; role: string };
      occurredAt?: string;
      schemaVersion?: number;
    } = {},
  ): IntegrationEnvelope<P> {
    const eventId = randomUUID();
    const previousHash = this.hash;
    this.version += 1;
    this.hash = createHash('sha256').update(`${previousHash}\n${eventId}\n${eventType}`).digest('hex');
    return {
      eventId,
      eventType,
      schemaVersion: options.schemaVersion ?? 1,
      streamType: this.streamType,
      streamId: this.streamId,
      streamVersion: this.version,
      occurredAt: options.occurredAt ?? new Date().toISOString(),
      correlationId: options.correlationId ?? this.defaults.correlationId ?? `corr-${eventId}`,
      causationId: null,
      actor: options.actor ?? this.defaults.actor ?? { id: 'inspector-1', role: 'inspector' },
      hash: this.hash,
      previousHash,
      payload,
    };
  }

  /** Events of types the consumer does not handle, standing where a real stream has them: the chain moves on. */
  skip(eventType: string, count = 1): Array<IntegrationEnvelope<object>> {
    return Array.from({ length: count }, () => this.next(eventType, {}));
  }
}
