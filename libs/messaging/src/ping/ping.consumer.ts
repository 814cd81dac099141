import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { PING_SENT, PingSentV1, validateContract } from '@app/contracts';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';

@Controller()
export class PingConsumer {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly dataSource: DataSource,
  ) {}

  /** Records pings from other services once, however often Kafka delivers them. */
  @EventPattern(PING_SENT.eventType)
  async onPingSent(@Payload() payload: unknown): Promise<void> {
    const ping = validateContract(PingSentV1, payload);
    if (ping.from === this.definition.name) return;
    await this.dataSource.query(
      `INSERT INTO "${this.definition.schema}".received_pings (ping_id, from_service, sent_at)
       VALUES ($1, $2, $3) ON CONFLICT (ping_id) DO NOTHING`,
      [ping.pingId, ping.from, ping.sentAt],
    );
  }
}
