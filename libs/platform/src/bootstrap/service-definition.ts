import type { Type } from '@nestjs/common';
import type { MigrationClass } from '../database/create-service-data-source';

/** Everything that makes one service different from another; the runtime is shared. */
export interface ServiceDefinition {
  name: string;
  /** Postgres schema the service owns; no other service reads it. */
  schema: string;
  defaultPort: number;
  /** The service's own Nest module (controllers, consumers, projections). */
  module: Type<unknown>;
  migrations: MigrationClass[];
  /** Topic the service publishes its events to. */
  publishes: string;
  /** Topics whose events the service consumes. */
  subscribes: string[];
}

export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
