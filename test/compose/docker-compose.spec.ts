import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES, SERVICE_SCHEMAS, registeredService } from '@app/contracts';
import { ENVIRONMENT_VARIABLE_NAMES } from '@app/platform';
import { parsePublicKeys, privateKeyFromSeed, rawPublicKey } from '@app/messaging';
import { openNote, parseSignerKey, parseVerifierKey, signNote } from '@app/transparency';
import { CONSOLE_SERVICES, loadConsoleConfig } from '../../apps/console/src/console-config';
import { serviceDefinitions } from '../../apps/embedded/src/service-entries';

// Checks docker-compose.yml against what the code expects, so a renamed variable, port or role breaks here
// and not at `docker compose up`. Paths are relative to the repo root (jest runs there).

const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const SERVICES = SERVICE_NAMES;
type ServiceName = (typeof SERVICES)[number];
/** Each service as it runs: its definition (default port, subscriptions). */
const definitions = await serviceDefinitions();
const definitionOf = (name: ServiceName) => definitions.find((definition) => definition.name === name)!;
const REQUIRED_VARIABLES = ['DATABASE_URL', 'DATABASE_OWNER_URL', 'KAFKA_BROKERS', 'JWT_SECRET', 'PORT'];

interface ComposeService {
  image?: string;
  command?: string[] | string;
  volumes?: string[];
  build?: { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };
  ports?: Array<string | number | { target?: number | string; published?: number | string }>;
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  container_name?: string;
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
    return Object.fromEntries(
      env.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

/** [published, target] pairs from "host:container", "ip:host:container", or the long form. */
function portMappings(name: string): Array<[number, number]> {
  return (service(name).ports ?? []).map((port): [number, number] => {
    if (typeof port === 'object') return [Number(port.published), Number(port.target)];
    const parts = String(port)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
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

/** The topics the service definition subscribes to. */
const subscribedTopics = (name: ServiceName) => definitionOf(name).subscribes;

/** The value of ${NAME:-default} (compose fills in the default when NAME is unset). */
const composeDefault = (value: string) => /^\$\{\w+:-([^}]*)\}$/.exec(value)?.[1];

/** "name=value name=value" (a folded YAML block) as a map. */
function pairs(value: string, separator: string): Record<string, string> {
  return Object.fromEntries(
    value
      .trim()
      .split(/\s+/)
      .map((entry) => {
        const at = entry.indexOf(separator);
        return [entry.slice(0, at), entry.slice(at + 1)];
      }),
  );
}

/** The script a container runs from the repo: `command: [bash, <mount target>]` plus a read-only mount of it. */
function mountedScript(name: string): string {
  const command = service(name).command;
  const target = Array.isArray(command) ? command[command.length - 1] : undefined;
  const mount = (service(name).volumes ?? []).find((volume) => volume.split(':')[1] === target);
  if (!target || !mount) throw new Error(`${name} runs no script mounted from the repository`);
  const [source, , mode] = mount.split(':');
  expect(mode).toBe('ro');
  return source.replace(/^\.\//, '');
}

const PROXY_CONFIG = 'docker/proxy/services.conf';

/** The proxy's routes: the `~^/<name>/  <host>:<port>;` lines of its $service_upstream map. */
function proxyRoutes(): Array<{ prefix: string; host: string; port: number }> {
  const map = /map \$request_uri \$service_upstream \{([^}]*)\}/.exec(read(PROXY_CONFIG))?.[1];
  if (map === undefined) throw new Error(`${PROXY_CONFIG} has no $service_upstream map`);
  return [...map.matchAll(/^\s*~\^(\/[^\s]+\/)\s+([\w-]+):(\d+);/gm)].map(([, prefix, host, port]) => ({
    prefix,
    host,
    port: Number(port),
  }));
}

describe('docker-compose.yml', () => {
  it('defines the four services, Postgres and Kafka', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...SERVICES, 'postgres', 'kafka']));
  });

  describe.each(SERVICES)('%s', (name) => {
    it('listens on its default port, publishes none (so it scales), and the proxy routes /<name>/ to that port', () => {
      const expected = registeredService(name).port;
      expect(definitionOf(name).defaultPort).toBe(expected);
      expect(environmentOf(name).PORT).toBe(String(expected));
      expect(portMappings(name)).toEqual([]);
      // A fixed container name would make a second replica impossible.
      expect(service(name).container_name).toBeUndefined();
      expect(proxyRoutes()).toContainEqual({ prefix: `/${name}/`, host: name, port: expected });
    });

    it('sets only variables the services know, and every required one', () => {
      const names = Object.keys(environmentOf(name));
      const known: readonly string[] = [...ENVIRONMENT_VARIABLE_NAMES, 'NODE_ENV'];
      expect(names.filter((variable) => !known.includes(variable))).toEqual([]);
      for (const required of REQUIRED_VARIABLES) expect(names).toContain(required);
      for (const required of REQUIRED_VARIABLES) expect(environmentOf(name)[required]).not.toBe('');
    });

    it('runs as development unless NODE_ENV says otherwise (its defaults are committed secrets production refuses), the JWT settings the same in all four', () => {
      const env = environmentOf(name);
      expect(env.NODE_ENV).toBe('${NODE_ENV:-development}');
      // No colon: JWT_SECRET= (empty) unsets it, as production needs, where ${JWT_SECRET:-…} would bring the default back.
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET-[^}]{32,}\}$/);
      const jwt = (e: Record<string, string>) =>
        Object.fromEntries(Object.entries(e).filter(([key]) => key.startsWith('JWT_')));
      expect(Object.keys(jwt(env)).sort()).toEqual(['JWT_ISSUER', 'JWT_JWKS_URL', 'JWT_PUBLIC_KEY', 'JWT_SECRET']);
      for (const other of SERVICES) expect(jwt(environmentOf(other))).toEqual(jwt(env));
    });

    it('points at the compose Postgres and Kafka, and waits for them to be healthy and for the ACLs', () => {
      const env = environmentOf(name);
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\/integrity_square$/);
      expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      expect(service(name).depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
        'kafka-acls': { condition: 'service_completed_successfully' },
      });
    });

    it('logs in to Kafka as its own SCRAM-SHA-512 user, whose password the broker is formatted with', () => {
      const env = environmentOf(name);
      expect(env.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
      expect(env.KAFKA_SASL_USERNAME).toBe(name);
      // An overridable development default, the same expression on both sides.
      expect(composeDefault(env.KAFKA_SASL_PASSWORD ?? '')).toBe(`${name}-kafka-dev-password`);
      const credentials = pairs(environmentOf('kafka').SCRAM_CREDENTIALS ?? '', '=');
      expect(credentials[name]).toBe(env.KAFKA_SASL_PASSWORD);
      const others = SERVICES.filter((other) => other !== name).map(
        (other) => environmentOf(other).KAFKA_SASL_USERNAME,
      );
      expect(others).not.toContain(env.KAFKA_SASL_USERNAME);
    });

    it('gets ACLs for exactly the topics its definition subscribes to', () => {
      const subscriptions = pairs(environmentOf('kafka-acls').SERVICE_SUBSCRIPTIONS ?? '', ':');
      expect(subscriptions[name]?.split(',').sort()).toEqual(subscribedTopics(name).sort());
    });

    it('migrates as its own database user, which the init script creates as owner of its schema', () => {
      const owner = databaseUserOf(environmentOf(name).DATABASE_OWNER_URL ?? '');
      const others = SERVICES.filter((other) => other !== name).map((other) =>
        databaseUserOf(environmentOf(other).DATABASE_OWNER_URL ?? ''),
      );
      expect(others).not.toContain(owner);
      expect(owner).not.toBe('postgres');
      expect(environmentOf(name).DATABASE_OWNER_URL).toMatch(/@postgres:5432\/integrity_square$/);
      const init = read('docker/postgres/init-service-users.sql');
      expect(init).toMatch(new RegExp(`^CREATE ROLE ${owner} LOGIN\\b`, 'm'));
      expect(init).toMatch(new RegExp(`^CREATE SCHEMA ${SERVICE_SCHEMAS[name]} AUTHORIZATION ${owner};`, 'm'));
      expect(init).toMatch(new RegExp(`^GRANT CONNECT, CREATE ON DATABASE :"db" TO [\\w, ]*\\b${owner}\\b`, 'm'));
    });

    it('runs as a runtime role of its own that owns nothing: a login role with CONNECT only, and an overridable password', () => {
      const env = environmentOf(name);
      const runtime = databaseUserOf(env.DATABASE_URL ?? '');
      const owner = databaseUserOf(env.DATABASE_OWNER_URL ?? '');
      expect(runtime).not.toBe(owner);
      expect(runtime).not.toBe('postgres');
      const init = read('docker/postgres/init-service-users.sql');
      expect(init).toMatch(new RegExp(`^CREATE ROLE ${runtime} LOGIN PASSWORD :'\\w+';$`, 'm'));
      // Not the owner of any schema, and no CREATE on the database: its table rights come from the owner's grants.
      expect(init).not.toMatch(new RegExp(`AUTHORIZATION ${runtime}\\b`));
      expect(init).toMatch(new RegExp(`^GRANT CONNECT ON DATABASE :"db" TO [\\w, ]*\\b${runtime}\\b`, 'm'));
      const createGrants = init.split('\n').filter((line) => /^GRANT .*CREATE/.test(line));
      expect(createGrants.join('\n')).not.toMatch(new RegExp(`\\b${runtime}\\b`));
      // The password: an overridable development default, passed to the init script under the same name.
      const password = /^postgres:\/\/[^:]+:(\$\{(\w+):-[^}]*\})@/.exec(env.DATABASE_URL ?? '');
      expect(password).not.toBeNull();
      expect(composeDefault(password![1])).toBe(`${name}-runtime-dev-password`);
      expect(environmentOf('postgres')[password![2]]).toBe(password![1]);
      const variable = new RegExp(`^\\\\getenv (\\w+) ${password![2]}$`, 'm').exec(init)?.[1];
      expect(init).toContain(`CREATE ROLE ${runtime} LOGIN PASSWORD :'${variable}';`);
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

  it('gives every service different database users, the owner and the runtime role apart', () => {
    const users = SERVICES.flatMap((name) =>
      [environmentOf(name).DATABASE_URL, environmentOf(name).DATABASE_OWNER_URL].map((url) =>
        databaseUserOf(url ?? ''),
      ),
    );
    expect(new Set(users).size).toBe(2 * SERVICES.length);
  });

  it('runs the Kafka version the local test broker uses (docker/kafka/pom.xml), for the broker and the ACL job', () => {
    const version = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(read('docker/kafka/pom.xml'))?.[1];
    expect(version).toBeDefined();
    expect(service('kafka').image).toBe(`apache/kafka:${version}`);
    expect(service('kafka-acls').image).toBe(`apache/kafka:${version}`);
  });

  describe('kafka', () => {
    const env = () => environmentOf('kafka');

    it('accepts clients only on a SASL_PLAINTEXT listener with SCRAM-SHA-512, and logs in there itself', () => {
      const protocols = pairs(env().KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.replace(/,/g, ' '), ':');
      const listeners = env()
        .KAFKA_LISTENERS.split(',')
        .map((listener) => /^(\w+):\/\/([^:]*):(\d+)$/.exec(listener)!.slice(1));
      const clientListeners = listeners.filter(([listener]) => listener !== env().KAFKA_CONTROLLER_LISTENER_NAMES);
      expect(clientListeners.map(([listener]) => protocols[listener])).toEqual(['SASL_PLAINTEXT']);
      expect(env().KAFKA_ADVERTISED_LISTENERS).toBe(`${clientListeners[0][0]}://kafka:9092`);
      expect(env().KAFKA_SASL_ENABLED_MECHANISMS).toBe('SCRAM-SHA-512');
      expect(env().KAFKA_INTER_BROKER_LISTENER_NAME).toBe(clientListeners[0][0]);
      expect(env().KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL).toBe('SCRAM-SHA-512');
      expect(env().KAFKA_OPTS).toContain('-Djava.security.auth.login.config=');
    });

    it('keeps the PLAINTEXT controller listener on loopback, since super.users names its User:ANONYMOUS', () => {
      const controller = env()
        .KAFKA_LISTENERS.split(',')
        .find((l) => l.startsWith(`${env().KAFKA_CONTROLLER_LISTENER_NAMES}://`));
      expect(controller).toMatch(/^\w+:\/\/127\.0\.0\.1:\d+$/);
      expect(env().KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`1@${controller!.split('//')[1]}`);
      expect(env().KAFKA_SUPER_USERS.split(';').sort()).toEqual(['User:ANONYMOUS', 'User:admin']);
    });

    it('authorizes with ACLs (KRaft StandardAuthorizer) and denies what no ACL allows', () => {
      expect(env().KAFKA_AUTHORIZER_CLASS_NAME).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
      expect(env().KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
    });

    it('is formatted with a SCRAM user per service and the admin, all overridable development defaults', () => {
      const credentials = pairs(env().SCRAM_CREDENTIALS, '=');
      expect(Object.keys(credentials).sort()).toEqual(['admin', ...SERVICES].sort());
      for (const [user, password] of Object.entries(credentials))
        expect(composeDefault(password)).toBe(`${user}-kafka-dev-password`);
      const script = read(mountedScript('kafka'));
      expect(script).toMatch(/kafka-storage\.sh" format .*"\$\{scram\[@\]\}"/);
      expect(script).toMatch(/^exec .*\/etc\/kafka\/docker\/run/m);
    });

    it('checks its health as admin', () => {
      expect(JSON.stringify(service('kafka').healthcheck?.test)).toContain(
        '--command-config /tmp/admin-client.properties',
      );
      expect(read(mountedScript('kafka'))).toContain('/tmp/admin-client.properties');
    });
  });

  describe('kafka-acls', () => {
    it('runs once the broker is healthy, as admin, with the admin password the broker was formatted with', () => {
      expect(service('kafka-acls').depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
      const env = environmentOf('kafka-acls');
      expect(env.BOOTSTRAP_SERVER).toBe('kafka:9092');
      expect(env.ADMIN_PASSWORD).toBe(pairs(environmentOf('kafka').SCRAM_CREDENTIALS, '=').admin);
      expect(read(mountedScript('kafka-acls'))).toContain('kafka-acls.sh');
    });

    it('names every service, and only those', () => {
      expect(Object.keys(pairs(environmentOf('kafka-acls').SERVICE_SUBSCRIPTIONS, ':')).sort()).toEqual(
        [...SERVICES].sort(),
      );
    });
  });

  describe('proxy', () => {
    const config = () => read(PROXY_CONFIG).replace(/#.*$/gm, '');

    it('is the only container that publishes a host port: one, onto the port nginx listens on', () => {
      const publishing = Object.keys(services).filter((name) => portMappings(name).length > 0);
      expect(publishing).toEqual(['proxy']);
      const [[published, target]] = portMappings('proxy');
      expect(config()).toMatch(new RegExp(`^\\s*listen ${target};`, 'm'));
      expect(service('proxy').ports).toEqual(['${PROXY_PORT:-8080}:8080']);
      expect(published).toBeNaN(); // ${PROXY_PORT:-8080}: compose fills it in
    });

    it("mounts its configuration read-only as the image's default server", () => {
      expect(service('proxy').image).toMatch(/^nginx:\d+\.\d+$/);
      expect(service('proxy').volumes).toEqual([`./${PROXY_CONFIG}:/etc/nginx/conf.d/default.conf:ro`]);
    });

    it('routes to every service and nothing else, each prefix once', () => {
      const routes = proxyRoutes();
      expect(routes.map((route) => route.host).sort()).toEqual([...SERVICES].sort());
      expect(new Set(routes.map((route) => route.prefix)).size).toBe(routes.length);
      expect(Object.keys(service('proxy').depends_on ?? {}).sort()).toEqual([...SERVICES, 'console'].sort());
    });

    it("resolves the service names per request through Docker's DNS, so it sees every replica, also those added later", () => {
      expect(config()).toMatch(/^\s*resolver 127\.0\.0\.11 valid=\d+s\b/m);
      // A literal host in proxy_pass is resolved once at start (one replica, forever); a variable is resolved per request.
      const passes = [...config().matchAll(/^\s*proxy_pass (\S+);/gm)].map(([, target]) => target);
      expect(passes).toEqual(['http://$console_upstream', 'http://$service_upstream$service_path']);
      expect(config()).not.toMatch(/^\s*upstream\s/m);
    });

    it('strips the prefix from the request line as sent, and tells the service what it stripped', () => {
      // $request_uri is the raw request line (escapes and query as sent); $uri would be decoded and lose the query.
      const pathMap = /map \$request_uri \$service_path \{([^}]*)\}/.exec(config())?.[1] ?? '';
      expect(pathMap.replace(/\s+/g, ' ').trim()).toBe('default /; ~^/[^/]+(?<path>/.*)$ $path;');
      expect(config()).toMatch(/proxy_set_header X-Forwarded-Prefix \$service_prefix;/);
      expect(config()).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    });
  });

  describe('console', () => {
    const env = () => environmentOf('console');
    const proxyConfig = () => read(PROXY_CONFIG).replace(/#.*$/gm, '');
    /** What compose makes of `${NAME:-default}` and `${NAME-default}` with NAME unset. */
    const filled = (value: string) => value.replace(/\$\{\w+:?-([^}]*)\}/g, '$1');

    it('is built from the one Dockerfile as APP=console, publishes no port, and is reached through the proxy', () => {
      expect(service('console').build).toEqual({
        context: '.',
        dockerfile: 'docker/Dockerfile',
        args: { APP: 'console' },
      });
      expect(portMappings('console')).toEqual([]);
      expect(read('docker/Dockerfile')).toMatch(/case "\$APP" in [\w|-]*\bconsole\b/);
      // Every path that is no service's prefix goes to the console, by a variable so it is resolved per request.
      expect(proxyConfig()).toMatch(new RegExp(`^\\s*set \\$console_upstream console:${env().CONSOLE_PORT};`, 'm'));
      expect(proxyConfig()).toMatch(/if \(\$service_upstream = ""\) \{\s*proxy_pass http:\/\/\$console_upstream;/);
    });

    it("reaches every service the console knows at that service's own compose port, and starts with what compose sets", () => {
      for (const name of CONSOLE_SERVICES) {
        const variable = `CONSOLE_${name.toUpperCase().replace('-', '_')}_URL`;
        expect({ variable, url: env()[variable] }).toEqual({
          variable,
          url: `http://${name}:${environmentOf(name).PORT}`,
        });
      }
      const config = loadConsoleConfig(Object.fromEntries(Object.entries(env()).map(([k, v]) => [k, filled(v)])));
      expect(config.port).toBe(3000);
      // Development sign-in signs with the services' own secret, so its tokens are accepted by all four.
      expect(config.devSignIn?.secret).toBe(filled(environmentOf('budgets').JWT_SECRET));
      const production = loadConsoleConfig({
        ...Object.fromEntries(Object.entries(env()).map(([k, v]) => [k, filled(v)])),
        NODE_ENV: 'production',
      });
      expect(production.devSignIn).toBeNull();
    });

    it('sets only variables the console reads, and probes its own readiness', () => {
      const read = ['CONSOLE_PORT', 'CONSOLE_TILE_URL', 'JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_MAX_LIFETIME'];
      const known = [
        ...read,
        'NODE_ENV',
        ...CONSOLE_SERVICES.map((n) => `CONSOLE_${n.toUpperCase().replace('-', '_')}_URL`),
      ];
      expect(Object.keys(env()).filter((name) => !known.includes(name))).toEqual([]);
      expect(JSON.stringify(service('console').healthcheck?.test)).toContain(
        "process.env.CONSOLE_PORT+'/health/ready'",
      );
    });
  });

  it('lets Postgres take the connections of three replicas of every service', () => {
    const poolSize = Number(
      /poolSize \?\? (\d+)/.exec(read('libs/platform/src/database/create-service-data-source.ts'))?.[1],
    );
    expect(poolSize).toBeGreaterThan(0);
    const command = service('postgres').command as string[];
    const maxConnections = Number(/^max_connections=(\d+)$/.exec(command[command.indexOf('-c') + 1] ?? '')?.[1]);
    expect(maxConnections).toBeGreaterThanOrEqual(3 * SERVICES.length * poolSize);
  });

  it('builds from a Dockerfile that exists and takes the APP argument', () => {
    expect(existsSync(join(root, 'docker/Dockerfile'))).toBe(true);
    expect(read('docker/Dockerfile')).toMatch(/^ARG APP\b/m);
  });

  it('gives each service its own envelope signing key, and every service the public keys of all four', () => {
    const seeds = SERVICES.map((name) => composeDefault(environmentOf(name).ENVELOPE_SIGNING_KEY));
    expect(new Set(seeds).size).toBe(SERVICES.length);
    for (const [index, name] of SERVICES.entries()) {
      const listed = parsePublicKeys(composeDefault(environmentOf(name).ENVELOPE_PUBLIC_KEYS) ?? '');
      expect([...listed.keys()].sort()).toEqual([...SERVICES].sort());
      // The public key listed for a service is the one its signing key makes: what it signs, the others verify.
      const own = rawPublicKey(privateKeyFromSeed(seeds[index]!));
      expect(listed.get(name)!.map((k) => rawPublicKey(k))).toEqual([own]);
    }
  });

  it('gives each service its own checkpoint key, named <deployment>/<service>, whose verifier key is docker/keys/<service>.vkey', () => {
    for (const name of SERVICES) {
      const signer = parseSignerKey(composeDefault(environmentOf(name).CHECKPOINT_SIGNING_KEY)!);
      expect(signer.name).toBe(`integrity-square.compose/${name}`);
      const vkey = read(`docker/keys/${name}.vkey`).trim();
      // What the service signs, a witness holding the published vkey verifies.
      const note = signNote(`${signer.name}\n1\n${Buffer.alloc(32).toString('base64')}\n`, [signer]);
      expect(openNote(note, [parseVerifierKey(vkey)]).verified).toHaveLength(1);
    }
  });
});
