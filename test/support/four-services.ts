import { SERVICE_NAMES, type ServiceName } from '@app/contracts';
import { uniqueNamespace, type ServiceProcess, type TestDatabase } from '@app/testing';
import { spawnedServices, type SpawnOptions } from './spawned-services';

/** The operation fields the route tests read from a service's OpenAPI document. */
export type Operation = {
  operationId: string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema?: { type?: string; format?: string; pattern?: string; minimum?: number };
  }[];
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
};
export type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

/** The four services keyed as the cross-service tests name them, the overdue sweeps off (a test says when). */
export const FOUR_SERVICES: Record<'budgets' | 'monitoring' | 'roadCases' | 'fines', { app: string } & SpawnOptions> = {
  budgets: { app: 'budgets' },
  monitoring: { app: 'monitoring' },
  roadCases: { app: 'road-cases', env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' } },
  fines: { app: 'fines', env: { FINE_OVERDUE_SWEEP_SECONDS: '0' } },
};

/**
 * The four services as processes on one real database and the Kafka broker (a namespace of their own), each ready
 * unless `ready` is false; call in a describe block: started in beforeAll, stopped and the database dropped in
 * afterAll. Keyed by service name (SERVICE_NAMES); `envOf` adds variables of one service's own (its signing key).
 */
export function fourServices(
  label: string,
  options: SpawnOptions = {},
  envOf: (name: ServiceName) => Record<string, string> = () => ({}),
): { services: Record<ServiceName, ServiceProcess>; db: TestDatabase } {
  const apps = {} as Record<ServiceName, { app: string; env: Record<string, string> }>;
  for (const name of SERVICE_NAMES) apps[name] = { app: name, env: envOf(name) };
  return spawnedServices(label, apps, {
    kafkaNamespace: uniqueNamespace(label),
    ready: true,
    ...options,
  });
}
