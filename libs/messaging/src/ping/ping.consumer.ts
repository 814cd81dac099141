import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PING_SENT, PingSentV1, validateContract, type IntegrationEnvelope } from '@app/contracts';
import { SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { ConsumeEvent } from '../consume-event.decorator';
import { Inbox } from '../inbox/inbox';

@Controller()
export class PingConsumer {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly inbox: Inbox,
  ) {}

  /** Records pings from other services once, however often they are delivered. */
  @ConsumeEvent(PING_SENT.eventType)
  async onPingSent(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const ping = validateContract(PingSentV1, envelope.payload);
    if (ping.from === this.definition.name) return;
    await this.inbox.once('ping', envelope, (manager) =>
      manager.query(
        `INSERT INTO "${this.definition.schema}".received_pings (ping_id, from_service, sent_at) VALUES ($1, $2, $3)`,
        [ping.pingId, ping.from, ping.sentAt],
      ),
    );
  }
}
