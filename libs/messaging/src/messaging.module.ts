import { DynamicModule, Module } from '@nestjs/common';
import type { AnyPublishedEvent } from '@app/contracts';
import { Inbox } from './inbox/inbox';
import { OutboxQuarantineController } from './outbox/outbox-quarantine.controller';
import { OutboxRelayLifecycle, PUBLISHED_EVENTS } from './outbox/outbox-relay.lifecycle';
import { ParkedMessagesGauge } from './parking/parked-messages.gauge';
import { ParkedController } from './parking/parked.controller';
import { PingConsumer } from './ping/ping.consumer';
import { PingController } from './ping/ping.controller';

export interface MessagingOptions {
  /** The stored events this service publishes to its topic, with their contracts. */
  published?: AnyPublishedEvent[];
}

/** Outbox relay, inbox, parked messages and the operators' ping, for one service. Needs EventStoreModule. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [PingController, PingConsumer, ParkedController, OutboxQuarantineController],
      providers: [
        { provide: PUBLISHED_EVENTS, useValue: options.published ?? [] },
        Inbox,
        OutboxRelayLifecycle,
        ParkedMessagesGauge,
      ],
      exports: [Inbox],
    };
  }
}
