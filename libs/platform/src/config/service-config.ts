import { LogLevel } from './environment.variables';

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
  jwt: JwtKeys;
  logLevel: LogLevel;
}
