// The files that name every service but cannot import TypeScript, as the registry (libs/contracts/src/services.registry.ts)
// makes them: nest-cli.json's apps and package.json's start scripts whole, and in docker-compose.yml, the Postgres init
// script, the proxy, the Dockerfile and the local broker the lines between `>>> services:render <region>` and `<<<`.
// `npm run services:render` writes them; test/services/service-files.spec.ts fails while a committed one differs.
import { generateNoteKey } from '@app/transparency';
import { generateEnvelopeKeyPair, privateKeyFromSeed, rawPublicKey } from '@app/messaging';
import { SERVICE_REGISTRY, type RegisteredService } from '@app/contracts';
import { SERVICE_NODE_FLAGS } from '@app/platform';
import { parse } from 'yaml';

/** What the files say of one service: its registry line, the topics it reads, and its compose development keys. */
export interface ServiceFacts extends RegisteredService {
  subscribes: readonly string[];
  /** Development defaults of docker-compose.yml (committed secrets, as the rest of compose's defaults). */
  envelopeSeed: string;
  checkpointKey: string;
  /** The checkpoint key's verifier key, docker/keys/<name>.vkey: set only for a key made now. */
  newVerifierKey?: string;
}

export const COMPOSE_FILE = 'docker-compose.yml';
const COMPOSE_DEPLOYMENT = 'integrity-square.compose';
const verifierKeyFile = (name: string) => `docker/keys/${name}.vkey`;

/** The registry's services with their compose keys: kept from docker-compose.yml, made for a service it lacks. */
export function serviceFacts(compose: string, subscriptions: Record<string, readonly string[]>): ServiceFacts[] {
  const services = (parse(compose) as { services?: Record<string, { environment?: Record<string, string> }> }).services;
  const composeDefault = (name: string, variable: string) =>
    /^\$\{\w+:-([^}]+)\}$/.exec(services?.[name]?.environment?.[variable] ?? '')?.[1];
  return SERVICE_REGISTRY.map((service) => {
    const subscribes = subscriptions[service.name] ?? [];
    const envelopeSeed = composeDefault(service.name, 'ENVELOPE_SIGNING_KEY');
    const checkpointKey = composeDefault(service.name, 'CHECKPOINT_SIGNING_KEY');
    if (envelopeSeed && checkpointKey) return { ...service, subscribes, envelopeSeed, checkpointKey };
    const made = generateNoteKey(`${COMPOSE_DEPLOYMENT}/${service.name}`);
    return {
      ...service,
      subscribes,
      envelopeSeed: generateEnvelopeKeyPair().signingKey,
      checkpointKey: made.skey,
      newVerifierKey: `${made.vkey}\n`,
    };
  });
}

/** BUDGETS, ROAD_CASES: how a service's own variables begin (BUDGETS_DB_PASSWORD, ROAD_CASES_PORT). */
export const variablePrefix = (name: string) => name.toUpperCase().replace(/-/g, '_');

// ---------- the regions ----------

/** A region's lines from the services; `current` is what the region holds now, without its indentation. */
type RegionLines = (services: ServiceFacts[], current: string[]) => string[];

const composeRegions: Record<string, RegionLines> = {
  'envelope-public-keys': (services) => [
    `x-envelope-public-keys: &envelope-public-keys \${ENVELOPE_PUBLIC_KEYS:-${services
      .map((s) => `${s.name}=${rawPublicKey(privateKeyFromSeed(s.envelopeSeed))}`)
      .join(',')}}`,
  ],
  'postgres-passwords': (services) => [
    ...services.map(
      (s) => `${variablePrefix(s.name)}_DB_PASSWORD: \${${variablePrefix(s.name)}_DB_PASSWORD:-${s.name}-dev-password}`,
    ),
    ...services.map(
      (s) =>
        `${variablePrefix(s.name)}_RUNTIME_DB_PASSWORD: \${${variablePrefix(s.name)}_RUNTIME_DB_PASSWORD:-${s.name}-runtime-dev-password}`,
    ),
  ],
  'scram-credentials': (services) => [
    'SCRAM_CREDENTIALS: >-',
    '  admin=${KAFKA_ADMIN_PASSWORD:-admin-kafka-dev-password}',
    ...services.map((s) => `  ${s.name}=${kafkaPassword(s.name)}`),
  ],
  'service-subscriptions': (services) => [
    'SERVICE_SUBSCRIPTIONS: >-',
    ...services.map((s) => `  ${s.name}:${s.subscribes.join(',')}`),
  ],
  services: (services) => services.flatMap((s, index) => [...(index > 0 ? [''] : []), ...composeService(s)]),
  'proxy-depends-on': (services) => services.flatMap((s) => [`${s.name}:`, '  condition: service_started']),
};

const kafkaPassword = (name: string) => `\${${variablePrefix(name)}_KAFKA_PASSWORD:-${name}-kafka-dev-password}`;

function composeService(s: ServiceFacts): string[] {
  const prefix = variablePrefix(s.name);
  const database = (role: string, variable: string, password: string) =>
    `postgres://${s.schema}_${role}:\${${prefix}_${variable}:-${s.name}-${password}}@postgres:5432/integrity_square`;
  return [
    `${s.name}:`,
    `  build: { context: ., dockerfile: docker/Dockerfile, args: { APP: ${s.name} } }`,
    '  environment:',
    `    DATABASE_OWNER_URL: ${database('svc', 'DB_PASSWORD', 'dev-password')}`,
    `    DATABASE_URL: ${database('runtime', 'RUNTIME_DB_PASSWORD', 'runtime-dev-password')}`,
    '    KAFKA_BROKERS: kafka:9092',
    '    KAFKA_SASL_MECHANISM: scram-sha-512',
    `    KAFKA_SASL_USERNAME: ${s.name}`,
    `    KAFKA_SASL_PASSWORD: ${kafkaPassword(s.name)}`,
    `    ENVELOPE_SIGNING_KEY: \${${prefix}_ENVELOPE_SIGNING_KEY:-${s.envelopeSeed}}`,
    `    CHECKPOINT_SIGNING_KEY: \${${prefix}_CHECKPOINT_SIGNING_KEY:-${s.checkpointKey}}`,
    '    ENVELOPE_PUBLIC_KEYS: *envelope-public-keys',
    '    JWT_SECRET: *jwt-secret',
    '    JWT_PUBLIC_KEY: *jwt-public-key',
    '    JWT_JWKS_URL: *jwt-jwks-url',
    '    JWT_ISSUER: *jwt-issuer',
    '    NODE_ENV: *node-env',
    `    PORT: ${s.port}`,
    '    LOG_LEVEL: info',
    '    TRUST_PROXY: *trust-proxy',
    '    PERSONAL_DATA_SECRET: *personal-data-secret',
    '  depends_on: *service-depends-on',
    '  healthcheck: *service-healthcheck',
    '  restart: unless-stopped',
  ];
}

/** The psql variable of a role's password: budgets_password, road_cases_runtime_password. */
const passwordVariable = (s: ServiceFacts, runtime: boolean) => `${s.schema}${runtime ? '_runtime' : ''}_password`;
const bothRoles = (services: ServiceFacts[]) => [
  ...services.map((s) => ({ s, runtime: false })),
  ...services.map((s) => ({ s, runtime: true })),
];
const passwordEnvironment = (s: ServiceFacts, runtime: boolean) =>
  `${variablePrefix(s.name)}${runtime ? '_RUNTIME' : ''}_DB_PASSWORD`;

const postgresInitRegions: Record<string, RegionLines> = {
  getenv: (services) =>
    bothRoles(services).map(
      ({ s, runtime }) => `\\getenv ${passwordVariable(s, runtime)} ${passwordEnvironment(s, runtime)}`,
    ),
  'passwords-set': (services) => {
    const [first, last] = [services[0], services[services.length - 1]];
    const terms = bothRoles(services).map(({ s, runtime }) => `:{?${passwordVariable(s, runtime)}}`);
    return [
      `SELECT ${terms[0]}`,
      ...terms.slice(1).map((term) => `  AND ${term}`),
      '  AS passwords_set \\gset',
      '\\if :passwords_set',
      '\\else',
      `  DO $$ BEGIN RAISE EXCEPTION 'set ${passwordEnvironment(first, false)}, ..., ${passwordEnvironment(last, false)} and ${passwordEnvironment(first, true)}, ..., ${passwordEnvironment(last, true)}'; END $$;`,
      '\\endif',
    ];
  },
  roles: (services) =>
    services.flatMap((s, index) => [
      ...(index > 0 ? [''] : []),
      `CREATE ROLE ${s.schema}_svc LOGIN PASSWORD :'${passwordVariable(s, false)}';`,
      `CREATE SCHEMA ${s.schema} AUTHORIZATION ${s.schema}_svc;`,
      `CREATE ROLE ${s.schema}_runtime LOGIN PASSWORD :'${passwordVariable(s, true)}';`,
    ]),
  grants: (services) => [
    `GRANT CONNECT, CREATE ON DATABASE :"db" TO ${services.map((s) => `${s.schema}_svc`).join(', ')};`,
    `GRANT CONNECT ON DATABASE :"db" TO ${services.map((s) => `${s.schema}_runtime`).join(', ')};`,
  ],
};

const proxyRegions: Record<string, RegionLines> = {
  routes: (services) => {
    const width = Math.max(...services.map((s) => `~^/${s.name}/`.length)) + 3;
    return [
      `${'default'.padEnd(width)}"";`,
      ...services.map((s) => `${`~^/${s.name}/`.padEnd(width)}${s.name}:${s.port};`),
    ];
  },
};

/**
 * The console (apps/console) is built into the same image with APP=console, beside the services; it is no service of
 * the registry (no schema, no topic), so the Dockerfile's regions name it after them. Its port is CONSOLE_PORT's
 * default (apps/console/src/console-config.ts).
 */
const CONSOLE_APP = { name: 'console', port: 3000 } as const;
const imageApps = (services: ServiceFacts[]) => [...services.map(({ name, port }) => ({ name, port })), CONSOLE_APP];

const dockerfileRegions: Record<string, RegionLines> = {
  // Shell form so $APP expands at run time; exec makes node PID 1, so SIGTERM reaches its graceful shutdown.
  cmd: () => [`CMD exec ${NODE} dist/apps/\${APP}/main.js`],
  'app-check': (services) => [
    `RUN case "$APP" in ${imageApps(services)
      .map((s) => s.name)
      .join('|')}) ;; \\`,
    `      *) echo "build arg APP must be one of ${imageApps(services)
      .map((s) => s.name)
      .join(', ')} (got '$APP')" >&2; exit 1 ;; \\`,
    '    esac \\',
    ' && test -f "dist/apps/$APP/main.js"',
  ],
  expose: (services) => [
    `EXPOSE ${imageApps(services)
      .map((s) => s.port)
      .join(' ')}`,
  ],
  // The probe stays as written in the Dockerfile; only its map of each service's default port comes from here.
  healthcheck: (services, current) => {
    const ports = imageApps(services)
      .map((s) => `${/^\w+$/.test(s.name) ? s.name : `'${s.name}'`}:${s.port}`)
      .join(',');
    return current.map((line) => line.replace(/const d=\{[^}]*\}/, `const d={${ports}}`));
  },
};

const kafkaStartRegions: Record<string, RegionLines> = {
  'scram-users': (services) => [
    `scram_users="\${KAFKA_SCRAM_USERS:-${services.map((s) => `${s.name}=${s.name}-kafka-dev-password`).join(' ')}}"`,
  ],
};

/** Each file with regions: its comment mark and the lines of each region. */
export const REGION_FILES: ReadonlyArray<{ file: string; comment: string; regions: Record<string, RegionLines> }> = [
  { file: COMPOSE_FILE, comment: '#', regions: composeRegions },
  { file: 'docker/postgres/init-service-users.sql', comment: '--', regions: postgresInitRegions },
  { file: 'docker/proxy/services.conf', comment: '#', regions: proxyRegions },
  { file: 'docker/Dockerfile', comment: '#', regions: dockerfileRegions },
  { file: 'docker/kafka/kafka-start.sh', comment: '#', regions: kafkaStartRegions },
];

/**
 * The text with every region's lines as the services make them, indented as its `>>> services:render <region>` line.
 * A region the file lacks, or one it has that nobody renders, is an error naming it.
 */
export function fillRegions(
  file: string,
  text: string,
  comment: string,
  regions: Record<string, RegionLines>,
  services: ServiceFacts[],
): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const seen = new Set<string>();
  const mark = comment.replace(/[-#]/g, (c) => `\\${c}`);
  const begin = new RegExp(`^(\\s*)${mark} >>> services:render (\\S+)$`);
  const end = new RegExp(`^\\s*${mark} <<< services:render$`);
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const opened = begin.exec(lines[i]);
    if (!opened) continue;
    const [, indent, region] = opened;
    const render = regions[region];
    if (!render)
      throw new Error(`${file}: no region "${region}" is rendered (one of ${Object.keys(regions).join(', ')})`);
    seen.add(region);
    const close = lines.findIndex((line, j) => j > i && end.test(line));
    if (close < 0) throw new Error(`${file}: region "${region}" has no "${comment} <<< services:render" line`);
    const current = lines.slice(i + 1, close).map((line) => line.slice(indent.length));
    out.push(...render(services, current).map((line) => (line === '' ? '' : indent + line)), lines[close]);
    i = close;
  }
  const missing = Object.keys(regions).filter((region) => !seen.has(region));
  if (missing.length > 0) throw new Error(`${file}: lacks the region(s) ${missing.join(', ')}`);
  return out.join('\n');
}

// ---------- the JSON files ----------

interface NestProject {
  type: 'application' | 'library';
  root: string;
  entryFile: string;
  sourceRoot: string;
}

/** nest-cli.json: every registered service as an application, then apps/embedded and the libraries as they are. */
function nestCli(text: string, services: ServiceFacts[]): string {
  const cli = JSON.parse(text) as { projects: Record<string, NestProject> };
  const others = Object.entries(cli.projects).filter(
    ([name, project]) => project.type === 'library' || name === 'embedded',
  );
  cli.projects = Object.fromEntries([
    ...services.map((s): [string, NestProject] => [
      s.name,
      { type: 'application', root: `apps/${s.name}`, entryFile: 'main', sourceRoot: `apps/${s.name}/src` },
    ]),
    ...others,
  ]);
  return `${JSON.stringify(cli, null, 2)}\n`;
}

/** `node` with the flags every app runs with (SERVICE_NODE_FLAGS). */
const NODE = ['node', ...SERVICE_NODE_FLAGS].join(' ');
/** A service's own start script: `npm run start:<name>`, after the build, its bundle alone. */
const startScript = (name: string) => `npm run build && exec ${NODE} dist/apps/${name}/main.js`;
const STARTS_ONE_SERVICE =
  /^npm run build && exec node (?:--\S+ )*dist\/apps\/(?!embedded\/|console\/)[\w-]+\/main\.js$/;
/** Any other script that runs a built app (npm start, the console) gets the same flags. */
const withNodeFlags = (command: string) =>
  command.replace(/\bexec node (?:--\S+ )*dist\/apps\//g, `exec ${NODE} dist/apps/`);

/** package.json: a start:<name> script per registered service, where the first such script stands today. */
function packageJson(text: string, services: ServiceFacts[]): string {
  const manifest = JSON.parse(text) as { scripts: Record<string, string> };
  const scripts: Array<[string, string]> = [];
  let placed = false;
  for (const [name, command] of Object.entries(manifest.scripts)) {
    if (!(name.startsWith('start:') && STARTS_ONE_SERVICE.test(command))) {
      scripts.push([name, withNodeFlags(command)]);
    } else if (!placed) {
      scripts.push(...services.map((s): [string, string] => [`start:${s.name}`, startScript(s.name)]));
      placed = true;
    }
  }
  if (!placed) throw new Error('package.json has no start:<service> script to put the services’ own in place of');
  manifest.scripts = Object.fromEntries(scripts);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Every derived file's text as the registry makes it, from the files' current texts. */
export function renderServiceFiles(read: (file: string) => string, services: ServiceFacts[]): Map<string, string> {
  const files = new Map<string, string>([
    ['nest-cli.json', nestCli(read('nest-cli.json'), services)],
    ['package.json', packageJson(read('package.json'), services)],
  ]);
  for (const { file, comment, regions } of REGION_FILES)
    files.set(file, fillRegions(file, read(file), comment, regions, services));
  for (const s of services) if (s.newVerifierKey) files.set(verifierKeyFile(s.name), s.newVerifierKey);
  return files;
}
