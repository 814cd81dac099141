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
  databaseUrl: string;
  /** null means the in-process bus of the embedded default. */
  kafkaBrokers: string[] | null;
  kafkaNamespace: string;
  /** Absent: the broker is reached without authentication. */
  kafkaSasl?: KafkaSasl;
  jwt: JwtKeys;
  logLevel: LogLevel;
  /** Ed25519 envelope keys: this service's signing seed, and the public keys of the services it reads. */
  envelopeKeys: EnvelopeKeys;
}

export interface EnvelopeKeys {
  signingKey?: string;
  /** service=<base64 key>, comma-separated ('' when none). */
  publicKeys: string;
}
