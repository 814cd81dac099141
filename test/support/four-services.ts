import { SERVICE_NAMES } from '@app/contracts';
import {
  createTestDatabase,
  eventually,
  http,
  serviceEnv,
  startServiceProcess,
  uniqueNamespace,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';

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

/**
 * The four services as processes on one real database and the Kafka broker (a namespace of their own), each ready;
 * call in a describe block: started in beforeAll, stopped and the database dropped in afterAll.
 */
export function fourServices(label: string): { services: Map<string, ServiceProcess>; database: () => TestDatabase } {
  let db: TestDatabase | undefined;
  const services = new Map<string, ServiceProcess>();
  const namespace = uniqueNamespace(label);
  beforeAll(async () => {
    db = await createTestDatabase(label);
    const started = await Promise.all(
      SERVICE_NAMES.map((name) =>
        startServiceProcess(name, serviceEnv(db!.url, label, { KAFKA_NAMESPACE: namespace })),
      ),
    );
    for (const service of started) services.set(service.app, service);
    for (const service of started) {
      await eventually(
        () => http('GET', `${service.url}/health/ready`),
        (r) => r.status === 200,
        { what: `${service.app} ready`, timeoutMs: 60_000 },
      );
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await db?.drop();
  });
  return { services, database: () => db! };
}
