// The services, one line each: adding a service is its folder apps/<name> and a line here (README.md, "How to add a
// service"). Everything else that names the services derives from this list: the contracts' names, schemas and
// topics, the embedded runner, webpack's entries, the scripts, and, through `npm run services:render`, the files that
// cannot import TypeScript (nest-cli.json, package.json's start scripts, docker-compose.yml, the Postgres init script,
// the proxy, the Dockerfile, the local broker's users) and the Kubernetes manifests.
// It imports nothing and uses only erasable TypeScript, so Node runs it as it is: webpack.config.js and the
// Dockerfile's build step require it without a compiler.

export interface RegisteredService {
  /** Its folder apps/<name> (src/main.ts its entry), its image, its Kafka user, the audience of its tokens. */
  readonly name: string;
  /** The port it listens on unless PORT says otherwise; the embedded default runs each on its own. */
  readonly port: number;
  /** The Postgres schema it owns (no other service reads it): the name with "_" for "-". */
  readonly schema: string;
  /** The Kafka topic it publishes its events to: `<name>.events`. */
  readonly topic: string;
}

export const SERVICE_REGISTRY = [
  { name: 'budgets', port: 3001, schema: 'budgets', topic: 'budgets.events' },
  { name: 'monitoring', port: 3002, schema: 'monitoring', topic: 'monitoring.events' },
  { name: 'road-cases', port: 3003, schema: 'road_cases', topic: 'road-cases.events' },
  { name: 'fines', port: 3004, schema: 'fines', topic: 'fines.events' },
] as const satisfies readonly RegisteredService[];

type Registered = (typeof SERVICE_REGISTRY)[number];
export type ServiceName = Registered['name'];

export const SERVICE_NAMES: readonly ServiceName[] = SERVICE_REGISTRY.map((service) => service.name);

/** A service's line of the registry, by name. */
export function registeredService<N extends ServiceName>(name: N): Extract<Registered, { name: N }> {
  return SERVICE_REGISTRY.find((service) => service.name === name) as Extract<Registered, { name: N }>;
}

/** The Postgres schema each service owns (docs/architecture.md, Services); tools find a service's events through it. */
export const SERVICE_SCHEMAS = Object.fromEntries(
  SERVICE_REGISTRY.map((service) => [service.name, service.schema]),
) as Record<ServiceName, string>;
