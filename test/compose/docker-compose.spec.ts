import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_SCHEMAS } from '@app/contracts';
import { ENVIRONMENT_VARIABLE_NAMES } from '@app/platform';

// Checks docker-compose.yml against what the code expects, so a renamed variable, port or role breaks here
// and not at `docker compose up`. Paths are relative to the repo root (jest runs there).

const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const SERVICES = ['budgets', 'monitoring', 'road-cases', 'fines'] as const;
type ServiceName = (typeof SERVICES)[number];
const DEFAULT_PORTS: Record<ServiceName, number> = { budgets: 3001, monitoring: 3002, 'road-cases': 3003, fines: 3004 };
const REQUIRED_VARIABLES = ['DATABASE_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'PORT'];

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
}

const compose = parse(read('docker-compose.yml')) as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

/** Compose allows a map or a list of NAME=value. */
function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const eq = entry.indexOf('=');
      return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

/** [published, target] pairs from "host:container", "ip:host:container", or the long form. */
function portMappings(name: string): Array<[number, number]> {
  return (service(name).ports ?? []).map((port): [number, number] => {
    if (typeof port === 'object') return [Number(port.published), Number(port.target)];
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts[parts.length - 1]);
    return [parts.length > 1 ? Number(parts[parts.length - 2]) : NaN, target];
  });
}

/** The user of a postgres:// URL; it may carry ${VAR:-default} in the password, which compose fills in. */
function databaseUserOf(url: string): string {
  const match = /^postgres(?:ql)?:\/\/([^:@/]+)[:@]/.exec(url);
  if (!match) throw new Error(`not a postgres:// URL with a user: ${url}`);
  return match[1];
}

/** The default port the service definition states, read from its source. */
function definitionValue(name: ServiceName, key: 'defaultPort'): string {
  const source = read(`apps/${name}/src/${name}.service-definition.ts`);
  const match = new RegExp(`\\b${key}:\\s*'?([\\w-]+)'?`).exec(source);
  if (!match) throw new Error(`${name}.service-definition.ts states no ${key}`);
  return match[1];
}

describe('docker-compose.yml', () => {
  it('defines the four services, Postgres and Kafka', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...SERVICES, 'postgres', 'kafka']));
  });

  describe.each(SERVICES)('%s', (name) => {
    it('publishes its default port on the same host port, and PORT says the same', () => {
      const expected = DEFAULT_PORTS[name];
      expect(Number(definitionValue(name, 'defaultPort'))).toBe(expected);
      expect(portMappings(name)).toEqual([[expected, expected]]);
      expect(environmentOf(name).PORT).toBe(String(expected));
    });

    it('sets only variables the services know, and every required one', () => {
      const names = Object.keys(environmentOf(name));
      const known: readonly string[] = ENVIRONMENT_VARIABLE_NAMES;
      expect(names.filter((variable) => !known.includes(variable))).toEqual([]);
      for (const required of REQUIRED_VARIABLES) expect(names).toContain(required);
      for (const required of REQUIRED_VARIABLES) expect(environmentOf(name)[required]).not.toBe('');
    });

    it('points at the compose Postgres and Kafka, and waits for them to be healthy', () => {
      const env = environmentOf(name);
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\/integrity_square$/);
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      expect(service(name).depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
      });
    });

    it('connects as its own database user, which the init script creates as owner of its schema', () => {
      const user = databaseUserOf(environmentOf(name).DATABASE_URL ?? '');
      const others = SERVICES.filter((other) => other !== name).map((other) => databaseUserOf(environmentOf(other).DATABASE_URL ?? ''));
      expect(others).not.toContain(user);
      expect(user).not.toBe('postgres');
      const init = read('docker/postgres/init-service-users.sql');
      expect(init).toMatch(new RegExp(`^CREATE ROLE ${user} LOGIN\\b`, 'm'));
      expect(init).toMatch(new RegExp(`^CREATE SCHEMA ${SERVICE_SCHEMAS[name]} AUTHORIZATION ${user};`, 'm'));
    });

    it('builds docker/Dockerfile with APP set to its name', () => {
      const build = service(name).build;
      expect(build?.context).toBe('.');
      expect(build?.dockerfile).toBe('docker/Dockerfile');
      expect(build?.args).toEqual({ APP: name });
    });

    it('has a health check', () => {
      const healthcheck = service(name).healthcheck;
      expect(healthcheck?.disable).not.toBe(true);
      expect(JSON.stringify(healthcheck?.test ?? '')).toContain('/health/ready');
    });
  });

  it('gives every service a different database user', () => {
    const users = SERVICES.map((name) => databaseUserOf(environmentOf(name).DATABASE_URL ?? ''));
    expect(new Set(users).size).toBe(SERVICES.length);
  });

  it('runs the Kafka version the local test broker uses (docker/kafka/pom.xml)', () => {
    const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(read('docker/kafka/pom.xml'))?.[1];
    expect(version).toBeDefined();
    expect(service('kafka').image).toBe(`apache/kafka:${version}`);
  });

  it('builds from a Dockerfile that exists and takes the APP argument', () => {
    expect(existsSync(join(root, 'docker/Dockerfile'))).toBe(true);
    expect(read('docker/Dockerfile')).toMatch(/^ARG APP\b/m);
  });
});
