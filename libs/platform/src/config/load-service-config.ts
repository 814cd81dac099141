import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from './config.error';
import {
  EnvironmentVariables,
  ENVIRONMENT_VARIABLE_NAMES,
  KAFKA_SASL_VARIABLES,
  type KafkaSaslMechanism,
} from './environment.variables';
import { ServiceConfig } from './service-config';
import { checkpointKeyProblem } from './checkpoint-key.check';
import { committedSecretsIn } from './committed-secrets.check';
import { readJwtSettings } from './jwt-config';
import { readPersonalDataSettings } from './personal-data-config';
import { PUBLIC_RATE_LIMIT } from '../http/public-rate-limit.guard';
import { parseTrustProxy } from './trust-proxy';

export interface ServiceConfigDefaults {
  serviceName: string;
  defaultPort: number;
  /** A standalone service needs a broker; only the embedded default runs without one. */
  requireKafka: boolean;
}

/** Reads and validates the environment once at start; throws ConfigError naming each bad variable. */
export function loadServiceConfig(env: NodeJS.ProcessEnv, defaults: ServiceConfigDefaults): ServiceConfig {
  const raw: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLE_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const problems = validateSync(vars, { forbidUnknownValues: false }).map((error) => ({
    variable: error.property,
    message: Object.values(error.constraints ?? {}).join('; ') || `${error.property} is invalid`,
  }));
  if (defaults.requireKafka && !vars.KAFKA_BROKERS) {
    problems.push({ variable: 'KAFKA_BROKERS', message: 'KAFKA_BROKERS is required (e.g. 127.0.0.1:9092)' });
  }
  const saslGiven = KAFKA_SASL_VARIABLES.filter((name) => vars[name] !== undefined);
  if (saslGiven.length > 0) {
    for (const missing of KAFKA_SASL_VARIABLES.filter((name) => vars[name] === undefined)) {
      problems.push({
        variable: missing,
        message: `${missing} is required with ${saslGiven.join(' and ')} (the three KAFKA_SASL_* go together)`,
      });
    }
  }
  const production = env.NODE_ENV === 'production';
  const jwt = readJwtSettings(vars, defaults.serviceName, production);
  problems.push(...jwt.problems);
  const personalData = readPersonalDataSettings(vars, production);
  problems.push(...personalData.problems);
  // A committed secret protects nothing: production refuses it, elsewhere (compose on a laptop) a warning says so.
  const committed = committedSecretsIn(vars);
  if (production) problems.push(...committed);
  // A standalone service publishes to a broker others read: unsigned envelopes would be refused by every consumer.
  if (!vars.ENVELOPE_SIGNING_KEY && (defaults.requireKafka || env.NODE_ENV === 'production')) {
    problems.push({
      variable: 'ENVELOPE_SIGNING_KEY',
      message:
        'ENVELOPE_SIGNING_KEY is required: the Ed25519 key this service signs its envelopes with (npm run keys:generate)',
    });
  }
  // In production the runtime role must not own the schema: only a separate owner may run the migrations.
  if (!vars.DATABASE_OWNER_URL && env.NODE_ENV === 'production') {
    problems.push({
      variable: 'DATABASE_OWNER_URL',
      message:
        "DATABASE_OWNER_URL is required in production: the schema owner that runs the migrations, so DATABASE_URL's role may only read and append",
    });
  }
  // The checkpoints are what auditors and witnesses trust: a production log signs them with a key it was given.
  if (!vars.CHECKPOINT_SIGNING_KEY && env.NODE_ENV === 'production') {
    problems.push({
      variable: 'CHECKPOINT_SIGNING_KEY',
      message:
        'CHECKPOINT_SIGNING_KEY is required in production: the key the Merkle log signs its checkpoints with (npm run keys:generate -- --checkpoints <deployment>)',
    });
  }
  if (vars.CHECKPOINT_SIGNING_KEY) {
    const problem = checkpointKeyProblem(vars.CHECKPOINT_SIGNING_KEY, defaults.serviceName);
    if (problem) problems.push({ variable: 'CHECKPOINT_SIGNING_KEY', message: problem });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    serviceName: defaults.serviceName,
    port: vars.PORT !== undefined ? Number(vars.PORT) : defaults.defaultPort,
    databaseUrl: vars.DATABASE_URL,
    databaseOwnerUrl: vars.DATABASE_OWNER_URL,
    production,
    kafkaBrokers: vars.KAFKA_BROKERS ? vars.KAFKA_BROKERS.split(',') : null,
    kafkaNamespace: vars.KAFKA_NAMESPACE ?? '',
    jwt: jwt.settings,
    logLevel: vars.LOG_LEVEL ?? 'info',
    kafkaSasl: vars.KAFKA_SASL_MECHANISM
      ? {
          mechanism: vars.KAFKA_SASL_MECHANISM.toLowerCase() as KafkaSaslMechanism,
          username: vars.KAFKA_SASL_USERNAME!,
          password: vars.KAFKA_SASL_PASSWORD!,
        }
      : undefined,
    envelopeKeys: { signingKey: vars.ENVELOPE_SIGNING_KEY, publicKeys: vars.ENVELOPE_PUBLIC_KEYS ?? '' },
    checkpoints: {
      signingKey: vars.CHECKPOINT_SIGNING_KEY,
      intervalMs: Math.max(100, Number(vars.CHECKPOINT_INTERVAL_MS ?? 5000)),
    },
    trustProxy: parseTrustProxy(vars.TRUST_PROXY) ?? false,
    publicRateLimit: {
      burst: Number(vars.PUBLIC_RATE_LIMIT_BURST ?? PUBLIC_RATE_LIMIT.burst),
      perMinute: Number(vars.PUBLIC_RATE_LIMIT_PER_MINUTE ?? PUBLIC_RATE_LIMIT.perMinute),
    },
    personalData: personalData.settings,
    warnings: [
      ...committed.map((c) => `${c.message} (refused with NODE_ENV=production)`),
      ...(vars.PERSONAL_DATA_SECRET
        ? []
        : [
            'PERSONAL_DATA_SECRET is not set: the committed development key digests IINs and citizen ids (refused with NODE_ENV=production)',
          ]),
    ],
  };
}
