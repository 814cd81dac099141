export * from './incoming-message';
export * from './bus-message.context';
export * from './event-dispatching.server';
export * from './kafka/create-kafka-client';
export * from './kafka/kafka-topics';
export * from './kafka/kafka-transport';
export * from './in-process/in-process-broker';
export * from './in-process/in-process-transport';
export * from './messaging.module';
export * from './messaging-metrics';
export * from './inbox/inbox';
export * from './dead-letters/dead-letter-sink';
export * from './dead-letters/dead-letter-headers';
export * from './dead-letters/table-dead-letter.sink';
export * from './kafka/kafka-message-bus';
export * from './kafka/kafka-consumer.server';
export * from './kafka/kafka-dead-letter.sink';
export * from './outbox/integration-envelope.factory';
export * from './outbox/outbox-relay';
export * from './outbox/events-notification.listener';
export * from './outbox/outbox-quarantine';
export * from './outbox/create-outbox-quarantine.migration';
export * from './ping/create-received-pings.migration';

import { CreateDeadLetters1764250000000 } from './dead-letters/create-dead-letters.migration';
import { CreateReceivedPings1764150000000 } from './ping/create-received-pings.migration';
import { CreateConsumerContinuity1764450000000 } from './continuity/create-consumer-continuity.migration';
import { CreateOutboxQuarantine1764600000000 } from './outbox/create-outbox-quarantine.migration';
/** Tables every service has because of this library; each service lists them before its own migrations. */
export const messagingMigrations = [
  CreateReceivedPings1764150000000,
  CreateDeadLetters1764250000000,
  CreateConsumerContinuity1764450000000,
  CreateOutboxQuarantine1764600000000,
];
export * from './consume-event.decorator';
export * from './intake-consumer';
export * from './consumer-health';
export * from './failures/message-failures';
export * from './continuity/chain-continuity';
export * from './signing/envelope-keys';
export * from './signing/envelope-signature';
export * from './signing/envelope-security';
export * from './message-check';
export * from './parking/parked-retrier';
export * from './parking/parked-messages.queries';
