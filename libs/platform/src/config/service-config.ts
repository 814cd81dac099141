import { KafkaSaslMechanism, LogLevel } from './environment.variables';

/** SASL credentials of this service towards the broker (KAFKA_SASL_*). */
export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

export interface JwtKeys {
  secret?: string;
  publicKey?: string;
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
  jwt: JwtKeys;
  logLevel: LogLevel;
  /** Ed25519 envelope keys: this service's signing seed, and the public keys of the services it reads. */
  envelopeKeys: EnvelopeKeys;
  /** The Merkle log's checkpoints: the signing key (C2SP skey; absent outside production: an ephemeral one) and pace. */
  checkpoints: { signingKey?: string; intervalMs: number };
}

export interface EnvelopeKeys {
  signingKey?: string;
  /** service=<base64 key>, comma-separated ('' when none). */
  publicKeys: string;
}
