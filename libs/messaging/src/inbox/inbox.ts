import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Inject } from '@nestjs/common';
import {
  SERVICE_DEFINITION,
  type ServiceDefinition,
  textLiteral,
  transactionOpenedWith,
  uuidLiteral,
} from '@app/platform';
import type { IntegrationEnvelope } from '@app/contracts';
import { logLockStatement, noteLogLockHeld } from '@app/event-store';
import { Registry } from 'prom-client';
import { MessagingMetrics } from '../messaging-metrics';
import { InboxBatch } from './inbox-batch';

/** A concurrent delivery of the same message committed first; this transaction is rolled back. */
class AlreadyHandledConcurrently extends Error {}

/**
 * Exactly-once effects over at-least-once delivery: the (consumer, event id) row is written in the same
 * transaction as the handler's effects, so a redelivered or replayed message finds it and does nothing.
 * The row is written after the effect, not before: an effect that appends events must make the append the
 * transaction's first write (see EventStore.append), and a redelivery racing this one is refused by the key.
 * Inside a run of messages (InboxBatch) the effect joins the run's transaction and the row is written with the run's.
 * Either way the effect must do all its reads and writes through the manager it is given.
 */
@Injectable()
export class Inbox {
  private readonly metrics: MessagingMetrics;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    registry: Registry,
  ) {
    this.metrics = MessagingMetrics.of(registry);
  }

  async once(
    consumer: string,
    envelope: Pick<IntegrationEnvelope, 'eventId'>,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<'handled' | 'duplicate'> {
    const batch = this.currentRun();
    if (batch) return this.inBatch(batch, consumer, envelope.eventId, effect);
    const schema = this.definition.schema;
    const inbox = `"${schema}".inbox`;
    try {
      // Opened with the log lock, as a run is (the effect may write elsewhere before it appends), and with the
      // look for this message's row in the same round trip as the BEGIN.
      return await transactionOpenedWith(
        this.dataSource,
        'BEGIN',
        `${logLockStatement(schema)}; SELECT 1 FROM ${inbox} WHERE consumer = ${textLiteral(consumer)} AND event_id = ${uuidLiteral(envelope.eventId)}`,
        async (manager, seen) => {
          noteLogLockHeld(manager);
          if (seen.length > 0) {
            this.metrics.redeliveredIgnored.inc({ consumer });
            return 'duplicate' as const;
          }
          await effect(manager);
          const inserted: unknown[] = await manager.query(
            `INSERT INTO ${inbox} (consumer, event_id) VALUES ($1, $2) ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
            [consumer, envelope.eventId],
          );
          if (inserted.length === 0) throw new AlreadyHandledConcurrently();
          return 'handled' as const;
        },
      );
    } catch (error) {
      if (!(error instanceof AlreadyHandledConcurrently)) throw error;
      this.metrics.redeliveredIgnored.inc({ consumer });
      return 'duplicate';
    }
  }

  /** Runs fn once the effect just handled is committed: at once outside a run, after the run's commit inside one. */
  afterCommit(fn: () => void): void {
    const batch = this.currentRun();
    if (batch) batch.onCommit(fn);
    else fn();
  }

  /** The run this call is part of, if it runs on this service's database (the embedded default has four). */
  private currentRun(): InboxBatch | undefined {
    const batch = InboxBatch.current();
    return batch?.dataSource === this.dataSource ? batch : undefined;
  }

  private async inBatch(
    batch: InboxBatch,
    consumer: string,
    eventId: string,
    effect: (manager: EntityManager) => Promise<void>,
  ): Promise<'handled' | 'duplicate'> {
    if (batch.handled(consumer, eventId)) {
      batch.onCommit(() => this.metrics.redeliveredIgnored.inc({ consumer }));
      return 'duplicate';
    }
    await effect(batch.manager);
    batch.record(consumer, eventId);
    return 'handled';
  }
}
