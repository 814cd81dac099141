import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';

/** `consumer_parked_messages{reason}`: what waits, read at scrape time (parked rows are few). */
@Injectable()
export class ParkedMessagesGauge {
  constructor(registry: Registry, dataSource: DataSource, @Inject(SERVICE_DEFINITION) definition: ServiceDefinition) {
    new Gauge({
      name: 'consumer_parked_messages',
      help: 'Messages parked until their predecessor (awaiting_predecessor) or a fact of this service (awaiting_fact) arrives',
      labelNames: ['reason'],
      registers: [registry],
      async collect() {
        const rows: Array<{ reason: string; n: number }> = await dataSource
          .query(`SELECT reason, count(*)::int AS n FROM "${definition.schema}".parked_messages GROUP BY reason`)
          .catch(() => []);
        this.reset();
        for (const reason of ['awaiting_predecessor', 'awaiting_fact'])
          this.set({ reason }, rows.find((r) => r.reason === reason)?.n ?? 0);
      },
    });
  }
}
