import { KafkaSaslMechanism, LogLevel } from './environment.variables';
import type { RateAllowance } from '../http/token-buckets';
import type { TrustProxy } from './trust-proxy';
import type { Role } from '../auth/roles';

/** SASL credentials of this service towards the broker (KAFKA_SASL_*). */
export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

/** How bearer tokens are checked (JWT_*): the keys, and the claims every token must carry. */
export interface JwtSettings {
  /** HS256 shared secret; refused with NODE_ENV=production. */
  secret?: string;
  /** PEM public key: RS256 for an RSA key, ES256 for an EC P-256 key. */
  publicKey?: string;
  /** The identity provider's JWKS (RS256/ES256 keys by `kid`), fetched and cached. */
  jwksUrl?: string;
  /** The `iss` a token must carry. */
  issuer: string;
  /** The `aud` a token must carry (one of, for an array audience): this service's name unless JWT_AUDIENCE. */
  audience: string;
  /** A token whose exp - iat exceeds this is refused, whoever signed it. */
  maxLifetimeSeconds: number;
}

/** Validated configuration of one service process; built only by loadServiceConfig. */
export interface ServiceConfig {
  serviceName: string;
  port: number;
  /** The runtime role: the service's every query. */
  databaseUrl: string;
  /** The schema owner, for the migrations and the runtime grants only; absent: databaseUrl's role owns the schema. */
  databaseOwnerUrl?: string;
  /** NODE_ENV=production: refuse to run with a runtime role that could change an append-only table. */
  production?: boolean;
  /** null means the in-process bus of the embedded default. */
  kafkaBrokers: string[] | null;
  kafkaNamespace: string;
  /** Absent: the broker is reached without authentication. */
  kafkaSasl?: KafkaSasl;
  jwt: JwtSettings;
  logLevel: LogLevel;
  /** Ed25519 envelope keys: this service's signing seed, and the public keys of the services it reads. */
  envelopeKeys: EnvelopeKeys;
  /** The Merkle log's checkpoints: the signing key (C2SP skey; absent outside production: an ephemeral one) and pace. */
  checkpoints: { signingKey?: string; intervalMs: number };
  /** Express's `trust proxy`: which forwarding hops name the client (TRUST_PROXY; absent or false: the socket's peer does). */
  trustProxy?: TrustProxy;
  /** Anonymous GETs of public routes per client (PUBLIC_RATE_LIMIT_*); absent: the defaults, 120 at once, 60 a minute. */
  publicRateLimit?: RateAllowance;
  /** The HMAC keys of personal identifiers and who reads personal data in clear (PERSONAL_DATA_*). */
  personalData: PersonalDataSettings;
  /** What start logs as a warning: settings a production service would refuse (a secret committed to the repository). */
  warnings?: string[];
}

export interface EnvelopeKeys {
  signingKey?: string;
  /** service=<base64 key>, comma-separated ('' when none). */
  publicKeys: string;
}

export interface PersonalDataSettings {
  keyId: string;
  /** base64 of the HMAC key. */
  secret: string;
  previous: { keyId: string; secret: string }[];
  readerRoles: Role[];
}
