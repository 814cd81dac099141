import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AuthGuard } from '../auth/auth.guard';
import { JwtVerifier } from '../auth/jwt-verifier';
import type { ServiceConfig } from '../config/service-config';
import { PostgresReadiness } from '../database/postgres-readiness';
import { HealthController } from '../health/health.controller';
import { READINESS_INDICATORS } from '../health/readiness-indicator';
import { ServiceLifecycle } from '../health/service-lifecycle';
import { AnswerHeadersInterceptor } from '../http/answer-headers';
import { PublicRateLimitGuard } from '../http/public-rate-limit.guard';
import { IdempotencyKeySweep } from '../idempotency/idempotency-sweep';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { JsonLogger } from '../logging/json-logger';
import { MetricsController } from '../metrics/metrics.controller';
import { PersonalDataKeyring, personalDataKeyring } from '../personal-data/personal-data-keyring';
import { PersonalDataStore } from '../personal-data/personal-data.store';
import { Clock, SystemClock } from '@app/domain-kernel';
import { MessageBus, MessageTransport } from './message-transport';
import { SERVICE_CONFIG, SERVICE_DEFINITION, ServiceDefinition } from './service-definition';

export interface ServiceRuntime {
  definition: ServiceDefinition;
  config: ServiceConfig;
  dataSource: DataSource;
  transport: MessageTransport;
  lifecycle: ServiceLifecycle;
  logger: JsonLogger;
  metrics: Registry;
}

/** Wraps a service's own module with the shared runtime: config, database, bus, clock, auth, health. */
@Module({})
export class ServiceRootModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    const shared = [
      { provide: SERVICE_DEFINITION, useValue: runtime.definition },
      { provide: SERVICE_CONFIG, useValue: runtime.config },
      { provide: DataSource, useValue: runtime.dataSource },
      { provide: MessageBus, useValue: runtime.transport.bus },
      { provide: ServiceLifecycle, useValue: runtime.lifecycle },
      { provide: JsonLogger, useValue: runtime.logger },
      { provide: Registry, useValue: runtime.metrics },
      { provide: JwtVerifier, useValue: new JwtVerifier(runtime.config.jwt) },
      // A factory, so the OpenAPI preview (which instantiates nothing) needs no keys.
      { provide: PersonalDataKeyring, useFactory: () => personalDataKeyring(runtime.config.personalData) },
      PersonalDataStore,
      // Where every service and the event store's commands take the time from (a test may put another in its place).
      { provide: Clock, useClass: SystemClock },
    ];
    return {
      module: ServiceRootModule,
      global: true,
      imports: [runtime.definition.module],
      controllers: [HealthController, MetricsController],
      providers: [
        ...shared,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard (global guards run in this order): it lets through whoever AuthGuard found signed in.
        { provide: APP_GUARD, useClass: PublicRateLimitGuard },
        // Runs after the guards (it keys answers by the verified principal), before the pipes and the handler.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        // Inside it (global interceptors nest in this order): an answer's headers are set before it is stored.
        { provide: APP_INTERCEPTOR, useClass: AnswerHeadersInterceptor },
        IdempotencyKeySweep,
        {
          provide: READINESS_INDICATORS,
          useValue: [new PostgresReadiness(runtime.dataSource), ...runtime.transport.readiness],
        },
      ],
      exports: shared.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
