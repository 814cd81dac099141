import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Inject } from '@nestjs/common';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import type { IntegrationEnvelope } from '@app/contracts';
import { Registry } from 'prom-client';
import { MessagingMetrics } from '../messaging-metrics';

/**
 * Exactly-once effects over at-least-once delivery: the (consumer, event id) row is written in the same
 * transaction as the handler's effects, so a redelivered or replayed message finds it and does nothing.
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
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.definition.schema}".inbox (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [consumer, envelope.eventId],
      );
      if (inserted.length === 0) {
        this.metrics.redeliveredIgnored.inc({ consumer });
        return 'duplicate';
      }
      await effect(manager);
      return 'handled';
    });
  }
}
