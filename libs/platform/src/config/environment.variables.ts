import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { parseTrustProxy } from './trust-proxy';

const IsPortNumber = (options: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPortNumber',
      validator: { validate: (value) => !/^\d+$/.test(String(value)) || Number(value) <= 65535 },
    },
    options,
  );

const BROKER = /^[A-Za-z0-9.\-_]+:(\d{1,5})$/;
const IsBrokerList = (options: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isBrokerList',
      validator: {
        validate: (value) =>
          String(value)
            .split(',')
            .every((broker) => {
              const port = BROKER.exec(broker)?.[1];
              return port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
            }),
      },
    },
    options,
  );

const IsTrustProxy = (options: ValidationOptions) =>
  ValidateBy(
    { name: 'isTrustProxy', validator: { validate: (value) => parseTrustProxy(String(value)) !== undefined } },
    options,
  );

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];
/** All three or none: loadServiceConfig names the missing ones. */
export const KAFKA_SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

/** The environment every service reads (README, Configuration); one class so the compose file test can check names against it. */
export class EnvironmentVariables {
  @IsNotEmpty({ message: 'DATABASE_URL is required (e.g. postgres://user@127.0.0.1:5432/db)' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /**
   * The role that owns the service schema and runs the migrations (then grants DATABASE_URL's role what it may do).
   * Absent: DATABASE_URL's role does both, so the runtime role owns the schema; required in production.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  /** Required unless the caller runs the in-process bus (the embedded default). */
  @ValidateIf((_, value) => value !== undefined)
  @IsBrokerList({ message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** The identity provider's public key (PEM): RSA 2048+ verifies RS256, EC P-256 ES256. */
  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY?: string;

  /** The identity provider's JWK Set: https://, or http:// on loopback only (a sidecar); keys chosen by kid. */
  @IsOptional()
  @Matches(/^(https:\/\/\S+|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/\S*)?)$/, {
    message: 'JWT_JWKS_URL must be an https:// URL (http:// only on loopback: 127.x.x.x, localhost, [::1])',
  })
  JWT_JWKS_URL?: string;

  /** The `iss` every token must carry; required in production, `integrity-square-dev` elsewhere. */
  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_ISSUER must not contain spaces' })
  JWT_ISSUER?: string;

  /** The `aud` every token must carry (among others, for an array audience); default the service's own name. */
  @IsOptional()
  @Matches(/^\S+$/, { message: 'JWT_AUDIENCE must not contain spaces' })
  JWT_AUDIENCE?: string;

  /** The longest exp - iat a token may have: seconds, or a number with s, m, h or d (default 12h). */
  @IsOptional()
  @Matches(/^[1-9]\d*[smhd]?$/, { message: 'JWT_MAX_LIFETIME must be a duration such as 900, 15m, 12h or 1d' })
  JWT_MAX_LIFETIME?: string;

  @IsOptional()
  @Matches(/^\d+$/, { message: 'PORT must be an integer' })
  @IsPortNumber({ message: 'PORT must be between 0 and 65535' })
  PORT?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  /** Prefixes topic and consumer group names, so test runs and tenants never share them. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.\-_]*$/, { message: 'KAFKA_NAMESPACE may hold lowercase letters, digits, ".", "-", "_"' })
  KAFKA_NAMESPACE?: string;

  /** SASL towards the broker (its credentials are the service's own; the broker's ACLs decide what it may do). */
  @IsOptional()
  @Matches(/^(scram-sha-256|scram-sha-512|plain)$/i, {
    message: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  })
  KAFKA_SASL_MECHANISM?: string;

  @IsOptional()
  @Matches(/^\S+$/, { message: 'KAFKA_SASL_USERNAME must not contain spaces' })
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  KAFKA_SASL_PASSWORD?: string;

  /** The base64 of this service's 32-byte Ed25519 seed: every envelope it publishes is signed with it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'ENVELOPE_SIGNING_KEY must be the base64 of a 32-byte Ed25519 seed (npm run keys:generate)',
  })
  ENVELOPE_SIGNING_KEY?: string;

  /** service=<base64 32-byte Ed25519 public key>, comma-separated: whose signed envelopes this service accepts. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*=[A-Za-z0-9+/]{43}=(,[a-z0-9][a-z0-9-]*=[A-Za-z0-9+/]{43}=)*$/, {
    message:
      'ENVELOPE_PUBLIC_KEYS must be service=<base64 Ed25519 public key>[,service=<key>...] (npm run keys:generate)',
  })
  ENVELOPE_PUBLIC_KEYS?: string;

  /**
   * The key the service signs its Merkle log's checkpoints with: a C2SP signed-note private key
   * (PRIVATE+KEY+<origin>+<key hash>+<base64>), its name the checkpoint origin `<deployment>/<service>`. Configuration
   * only, never the database; required in production (npm run keys:generate -- --checkpoints <deployment>).
   */
  @IsOptional()
  @Matches(/^PRIVATE\+KEY\+\S+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/, {
    message:
      'CHECKPOINT_SIGNING_KEY must be a C2SP signed-note private key, PRIVATE+KEY+<origin>+<hash>+<base64> (npm run keys:generate -- --checkpoints <deployment>)',
  })
  CHECKPOINT_SIGNING_KEY?: string;

  /** How often, at most, a growing log is checkpointed (milliseconds, default 5000). */
  @IsOptional()
  @Matches(/^\d+$/, { message: 'CHECKPOINT_INTERVAL_MS must be an integer number of milliseconds' })
  CHECKPOINT_INTERVAL_MS?: string;

  /**
   * Which hops in front of the service may name the client (X-Forwarded-For): what rate limits key on. Unset, a
   * forwarded header is ignored, so a client cannot pick its own address.
   */
  @IsOptional()
  @IsTrustProxy({
    message:
      'TRUST_PROXY must be false, true, a hop count (1: the proxy in front) or a comma-separated list of addresses, CIDR subnets, loopback, linklocal, uniquelocal',
  })
  TRUST_PROXY?: string;

  /**
   * The HMAC key personal identifiers are digested under (an offender's IIN, a citizen's pseudonym): the base64 of
   * at least 32 random bytes, shared by every service that names the same people (npm run keys:generate). Required
   * in production; elsewhere a development key stands in.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, {
    message: 'PERSONAL_DATA_SECRET must be the base64 of at least 32 random bytes (npm run keys:generate)',
  })
  PERSONAL_DATA_SECRET?: string;

  /** The id of PERSONAL_DATA_SECRET, carried beside every digest made under it (default pd1): change it with the key. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/, {
    message: 'PERSONAL_DATA_KEY_ID must be 1 to 32 lowercase letters, digits or dashes',
  })
  PERSONAL_DATA_KEY_ID?: string;

  /** Keys rotated out, id=base64, comma-separated: digests made under them still match a lookup. */
  @IsOptional()
  @Matches(
    /^[a-z0-9][a-z0-9-]{0,31}=[A-Za-z0-9+/_-]{43,}={0,2}(,[a-z0-9][a-z0-9-]{0,31}=[A-Za-z0-9+/_-]{43,}={0,2})*$/,
    {
      message: 'PERSONAL_DATA_PREVIOUS_SECRETS must be keyId=<base64 key>[,keyId=<base64 key>...]',
    },
  )
  PERSONAL_DATA_PREVIOUS_SECRETS?: string;

  /** The roles that read personal data in clear, comma-separated (default official,moderator); others see it masked. */
  @IsOptional()
  @Matches(/^[a-z]+(,[a-z]+)*$/, { message: 'PERSONAL_DATA_ROLES must be a comma-separated list of roles' })
  PERSONAL_DATA_ROLES?: string;

  /** Anonymous GETs of public routes one client (req.ip) may make at once (default 120): a coarse floor against scraping floods. */
  @IsOptional()
  @Matches(/^[1-9]\d*$/, { message: 'PUBLIC_RATE_LIMIT_BURST must be a positive integer' })
  PUBLIC_RATE_LIMIT_BURST?: string;

  /** How fast that allowance refills, requests per minute (default 60). */
  @IsOptional()
  @Matches(/^[1-9]\d*$/, { message: 'PUBLIC_RATE_LIMIT_PER_MINUTE must be a positive integer' })
  PUBLIC_RATE_LIMIT_PER_MINUTE?: string;
}

export const ENVIRONMENT_VARIABLE_NAMES = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'KAFKA_BROKERS',
  'JWT_SECRET',
  'JWT_PUBLIC_KEY',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWT_MAX_LIFETIME',
  'PORT',
  'LOG_LEVEL',
  'KAFKA_NAMESPACE',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'ENVELOPE_SIGNING_KEY',
  'ENVELOPE_PUBLIC_KEYS',
  'CHECKPOINT_SIGNING_KEY',
  'CHECKPOINT_INTERVAL_MS',
  'TRUST_PROXY',
  'PUBLIC_RATE_LIMIT_BURST',
  'PUBLIC_RATE_LIMIT_PER_MINUTE',
  'PERSONAL_DATA_SECRET',
  'PERSONAL_DATA_KEY_ID',
  'PERSONAL_DATA_PREVIOUS_SECRETS',
  'PERSONAL_DATA_ROLES',
] as const;
