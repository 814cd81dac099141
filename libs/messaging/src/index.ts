export * from './incoming-message';
export * from './bus-message.context';
export * from './event-dispatching.server';
export * from './kafka/create-kafka-client';
export * from './kafka/kafka-topics';
export * from './kafka/kafka-transport';
export * from './in-process/in-process-broker';
export * from './in-process/in-process-transport';
export * from './ping/ping.module';
export * from './ping/create-received-pings.migration';

import { CreateReceivedPings1764150000000 } from './ping/create-received-pings.migration';
/** Tables every service has because of this library; each service lists them before its own migrations. */
export const messagingMigrations = [CreateReceivedPings1764150000000];
