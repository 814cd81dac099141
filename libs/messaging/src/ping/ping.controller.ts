import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PING_SENT, PingSentV1, TOPICS, type IntegrationEnvelope } from '@app/contracts';
import { eventHash, GENESIS_HASH } from '@app/event-store';
import { NotFoundError } from '@app/domain-kernel';
import {
  CurrentPrincipal,
  MessageBus,
  requestContext,
  Roles,
  SERVICE_DEFINITION,
  type Principal,
  type ServiceDefinition,
} from '@app/platform';
import { envelopeMessage } from '../outbox/integration-envelope.factory';

/** Operators send a ping through the broker and read, on each other service, whether it arrived. */
@Controller('ops/pings')
export class PingController {
  constructor(
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
  ) {}

  @Roles('operator')
  @Post()
  @HttpCode(202)
  async send(@CurrentPrincipal() operator: Principal) {
    const ping: PingSentV1 = {
      pingId: randomUUID(),
      from: this.definition.name as PingSentV1['from'],
      sentAt: new Date().toISOString(),
    };
    const metadata = { actorId: operator.sub, actorRole: 'operator' };
    // A ping is a one-event stream of its own, enveloped like every integration event.
    const envelope: IntegrationEnvelope<PingSentV1> = {
      eventId: ping.pingId,
      eventType: PING_SENT.eventType,
      schemaVersion: PING_SENT.schemaVersion,
      streamType: 'Ping',
      streamId: ping.pingId,
      streamVersion: 1,
      occurredAt: ping.sentAt,
      correlationId: requestContext.current()?.correlationId ?? ping.pingId,
      causationId: null,
      actor: { id: operator.sub, role: 'operator' },
      previousHash: GENESIS_HASH,
      // Scheme 1 on purpose: a ping is never stored in an event store, so it has no recorded time (nor a row whose
      // hash_scheme an auditor could read), and its consumers only check the chain links (previousHash → hash), never
      // recompute the hash. The envelope carries no scheme; v1 over what the envelope does carry is enough here.
      hash: eventHash(1, GENESIS_HASH, {
        type: PING_SENT.eventType,
        streamId: ping.pingId,
        streamVersion: 1,
        schemaVersion: PING_SENT.schemaVersion,
        payload: ping,
        metadata,
        occurredAt: new Date(ping.sentAt),
      }),
      payload: ping,
    };
    await this.bus.publish([envelopeMessage(TOPICS.pings, envelope)]);
    return ping;
  }

  @Roles('operator')
  @Get(':pingId')
  async received(@Param('pingId') pingId: string) {
    const rows: { from_service: string; sent_at: Date; received_at: Date }[] = await this.dataSource.query(
      `SELECT from_service, sent_at, received_at FROM "${this.definition.schema}".received_pings WHERE ping_id = $1`,
      [pingId],
    );
    if (rows.length === 0) throw new NotFoundError('Ping', pingId);
    return {
      pingId,
      receivedBy: this.definition.name,
      from: rows[0].from_service,
      sentAt: rows[0].sent_at.toISOString(),
      receivedAt: rows[0].received_at.toISOString(),
    };
  }
}
