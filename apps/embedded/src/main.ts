import './tracing';
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { TOPICS } from '@app/contracts';
import { DEVELOPMENT_DEPLOYMENT } from '@app/event-store';
import { createInProcessTransport, createKafkaTransport, InProcessBroker } from '@app/messaging';
import {
  ConfigError,
  DEFAULT_MAX_TOKEN_LIFETIME,
  durationSeconds,
  ensureEmbeddedServiceRoles,
  exitOnSignal,
  issueDevToken,
  JsonLogger,
  loadServiceConfig,
  ROLES,
  startEmbeddedPostgres,
  startService,
  type RunningService,
  type ServiceRoleUrls,
} from '@app/platform';
import { startConsole } from '../../console/src/start-console';
import { loadOrCreateDevEnvelopeKeys } from './dev-envelope-keys';
import { loadOrCreateDevCheckpointKeys } from './dev-checkpoint-keys';
import { loadOrCreateDevSecret } from './dev-secret';
import { serviceDefinitions } from './service-entries';

/**
 * The embedded default (`npm start`): every registered service in one process on its port, an embedded PostgreSQL
 * unless DATABASE_URL is given, and the in-process bus unless KAFKA_BROKERS is given.
 */
async function main(): Promise<void> {
  const services = await serviceDefinitions();
  const logger = new JsonLogger('embedded', (process.env.LOG_LEVEL as 'info') || 'info');
  const say = (line: string) => process.stdout.write(line + '\n');
  const dataDir = resolve(process.env.INTEGRITY_DATA_DIR || '.data');
  const env = { ...process.env };
  // Development tokens need a secret of this machine's own; production takes no HS256 secret at all (the services say so).
  const devTokens = !env.JWT_SECRET && !env.JWT_PUBLIC_KEY && !env.JWT_JWKS_URL && env.NODE_ENV !== 'production';
  if (devTokens) env.JWT_SECRET = loadOrCreateDevSecret(join(dataDir, 'jwt-secret'));
  // One personal-data key for all four, made once and kept with the data: the committed development key would let
  // anyone who reads the repository test a guessed IIN against a published digest.
  if (!env.PERSONAL_DATA_SECRET && env.NODE_ENV !== 'production')
    env.PERSONAL_DATA_SECRET = loadOrCreateDevSecret(join(dataDir, 'personal-data-secret'));
  // Each service signs its envelopes with its own key; all four know each other's public keys. Development keys
  // unless every service's key is given (<SERVICE>_ENVELOPE_SIGNING_KEY, with ENVELOPE_PUBLIC_KEYS to match).
  const keyVariable = (name: string) => `${name.toUpperCase().replace('-', '_')}_ENVELOPE_SIGNING_KEY`;
  const ownKeys = services.every((s) => env[keyVariable(s.name)]) && Boolean(env.ENVELOPE_PUBLIC_KEYS);
  const envelopeKeys = ownKeys
    ? {
        signingKeys: Object.fromEntries(services.map((s) => [s.name, env[keyVariable(s.name)]!])),
        publicKeys: env.ENVELOPE_PUBLIC_KEYS!,
      }
    : loadOrCreateDevEnvelopeKeys(
        join(dataDir, 'envelope-keys.json'),
        services.map((s) => s.name),
      );
  env.ENVELOPE_PUBLIC_KEYS = envelopeKeys.publicKeys;
  // Each service signs its Merkle log's checkpoints; development keys in <data dir>/keys unless CHECKPOINT_SIGNING_KEY_<SERVICE> are given.
  const keysDir = join(dataDir, 'keys');
  const checkpointVariable = (name: string) => `${name.toUpperCase().replace('-', '_')}_CHECKPOINT_SIGNING_KEY`;
  const checkpointKeys = services.every((s) => env[checkpointVariable(s.name)])
    ? Object.fromEntries(services.map((s) => [s.name, env[checkpointVariable(s.name)]!]))
    : loadOrCreateDevCheckpointKeys(
        keysDir,
        env.DEPLOYMENT_NAME || DEVELOPMENT_DEPLOYMENT,
        services.map((s) => s.name),
      );

  let stopPostgres = async () => undefined as void;
  // On its own server, each service migrates as <schema>_owner and runs as <schema>_runtime (read and append only).
  let serviceRoles: Record<string, ServiceRoleUrls> | undefined;
  if (!env.DATABASE_URL) {
    // An empty value counts as unset, as for every variable; anything else must be a port.
    const port = Number(process.env.EMBEDDED_POSTGRES_PORT || 54329);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      const message = `EMBEDDED_POSTGRES_PORT must be a port (1-65535), not "${process.env.EMBEDDED_POSTGRES_PORT}"`;
      throw new ConfigError([{ variable: 'EMBEDDED_POSTGRES_PORT', message }]);
    }
    const pg = await startEmbeddedPostgres(join(dataDir, 'postgres'), port, say);
    stopPostgres = pg.stop;
    const schemas = services.map((s) => s.schema);
    const rolesFile = join(dataDir, 'database-roles.json');
    serviceRoles = await ensureEmbeddedServiceRoles(pg.url, schemas, rolesFile);
    say(`PostgreSQL (embedded): ${pg.url}, data in ${pg.dataDir}`);
    say(
      `PostgreSQL roles: each service migrates as <schema>_owner and runs as <schema>_runtime (${schemas.map((s) => `${s}_runtime`).join(', ')}; passwords in ${rolesFile})`,
    );
  }

  const broker = new InProcessBroker();
  // Every consumer group exists before the first service publishes, so nothing is delivered to nobody.
  for (const definition of services) {
    for (const topic of [...definition.subscribes, TOPICS.pings]) broker.declare(topic, definition.name);
  }
  const running: RunningService[] = [];
  let stopConsole = async () => undefined as void;
  const stopAll = async () => {
    await stopConsole();
    for (const service of [...running].reverse()) await service.stop();
    await stopPostgres();
  };
  exitOnSignal(stopAll, logger);
  for (const definition of services) {
    const config = loadServiceConfig(
      {
        ...env,
        ...(serviceRoles && {
          DATABASE_URL: serviceRoles[definition.schema].runtimeUrl,
          DATABASE_OWNER_URL: serviceRoles[definition.schema].ownerUrl,
        }),
        PORT: env[`${definition.name.toUpperCase().replace('-', '_')}_PORT`],
        ENVELOPE_SIGNING_KEY: envelopeKeys.signingKeys[definition.name],
        CHECKPOINT_SIGNING_KEY: checkpointKeys[definition.name],
      },
      { serviceName: definition.name, defaultPort: definition.defaultPort, requireKafka: false },
    );
    for (const warning of config.warnings ?? []) logger.warn(`${definition.name}: ${warning}`, 'Config');
    running.push(
      await startService(definition, config, (context) =>
        config.kafkaBrokers
          ? createKafkaTransport(definition, config, context)
          : createInProcessTransport(definition, broker, context, config),
      ),
    );
  }

  // The officials' console and the citizens' page, in front of the services just started (apps/console).
  const consoleServer = await startConsole(env, {
    upstreams: Object.fromEntries(running.map((s) => [s.definition.name, s.url])),
  });
  stopConsole = consoleServer.stop;

  say('');
  say(
    `Integrity Square is running (${env.KAFKA_BROKERS ? `Kafka at ${env.KAFKA_BROKERS}` : 'in-process bus; set KAFKA_BROKERS for Kafka'}):`,
  );
  for (const service of running)
    say(`  ${service.definition.name.padEnd(11)} ${service.url}   (${service.url}/health/ready)`);
  say(`  ${'console'.padEnd(11)} ${consoleServer.url}   (the officials' console and the citizens' page)`);
  if (devTokens) {
    say('');
    // As long as the services accept (JWT_MAX_LIFETIME, default 12 h), for the issuer and audience they expect.
    const lifetime = durationSeconds(env.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME);
    const claims = { expiresIn: lifetime, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
    say(
      `Development tokens for all four services (${env.JWT_MAX_LIFETIME ?? DEFAULT_MAX_TOKEN_LIFETIME}; JWT secret in ${join(dataDir, 'jwt-secret')}; more with npm run token):`,
    );
    for (const role of ROLES) {
      const token = issueDevToken(
        env.JWT_SECRET!,
        { sub: `dev-${role}`, role, bin: role === 'contractor' ? '123456789012' : undefined },
        claims,
      );
      say(`  ${role.padEnd(10)} ${token}`);
    }
  }
  if (!services.every((s) => env[checkpointVariable(s.name)])) {
    say('');
    say(
      `Transparency log: each service signs checkpoints of its Merkle log; give witnesses and auditors its verifier key:`,
    );
    for (const service of running)
      say(
        `  ${service.definition.name.padEnd(11)} ${join(keysDir, `${service.definition.name}.vkey`)}   (${service.url}/audit/checkpoint)`,
      );
  }
  say('');
  say('Stop with Ctrl+C.');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`embedded start failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
