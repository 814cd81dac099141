import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MESSAGE_HEADERS, PING_SENT, PingSentV1, TOPICS } from '@app/contracts';
import {
  MessageBus, NotFoundError, requestContext, Roles, SERVICE_DEFINITION, type ServiceDefinition,
} from '@app/platform';

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
  async send() {
    const ping: PingSentV1 = { pingId: randomUUID(), from: this.definition.name as PingSentV1['from'], sentAt: new Date().toISOString() };
    await this.bus.publish([
      {
        topic: TOPICS.pings,
        key: ping.pingId,
        value: ping,
        headers: {
          [MESSAGE_HEADERS.eventId]: ping.pingId,
          [MESSAGE_HEADERS.eventType]: PING_SENT.eventType,
          [MESSAGE_HEADERS.schemaVersion]: String(PING_SENT.schemaVersion),
          [MESSAGE_HEADERS.correlationId]: requestContext.current()?.correlationId ?? ping.pingId,
        },
      },
    ]);
    return ping;
  }

  @Roles('operator')
  @Get(':pingId')
  async received(@Param('pingId', new ParseUUIDPipe()) pingId: string) {
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
