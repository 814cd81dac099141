import { registeredService, type ServiceName } from '@app/contracts/services';
import type { ServiceDefinition } from './service-definition';

/** What a service states of itself; the services registry says the rest. */
export type OwnServiceDefinition = Pick<ServiceDefinition, 'module' | 'migrations' | 'subscribes'>;

/**
 * A service's definition with what the services registry says of it filled in (its name, schema, default port and
 * the topic it publishes to), so a service's definition states only its module, its migrations and what it consumes.
 */
export function registeredServiceDefinition(service: ServiceName, own: OwnServiceDefinition): ServiceDefinition {
  const { name, schema, port, topic } = registeredService(service);
  return {
    name,
    schema,
    defaultPort: port,
    module: own.module,
    migrations: own.migrations,
    publishes: topic,
    subscribes: own.subscribes,
  };
}
