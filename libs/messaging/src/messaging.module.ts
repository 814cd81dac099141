import { DynamicModule, Module } from '@nestjs/common';
import type { PublishedEvent } from '@app/contracts';
import { Inbox } from './inbox/inbox';
import { OutboxRelayLifecycle, PUBLISHED_EVENTS } from './outbox/outbox-relay.lifecycle';
import { PingConsumer } from './ping/ping.consumer';
import { PingController } from './ping/ping.controller';

export interface MessagingOptions {
  /** The stored events this service publishes to its topic, with their contracts. */
  published?: PublishedEvent<any, any>[];
}

/** Outbox relay, inbox and the operators' ping, for one service. Needs EventStoreModule. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: [PingController, PingConsumer],
      providers: [{ provide: PUBLISHED_EVENTS, useValue: options.published ?? [] }, Inbox, OutboxRelayLifecycle],
      exports: [Inbox],
    };
  }
}
