import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { MessageTransport } from '../bootstrap/message-transport';
import type { ServiceDefinition } from '../bootstrap/service-definition';
import { ServiceRootModule } from '../bootstrap/service-root.module';
import type { ServiceConfig } from '../config/service-config';
import { ServiceLifecycle } from '../health/service-lifecycle';
import { JsonLogger } from '../logging/json-logger';
import { createOpenApiDocument } from './openapi-document';

/**
 * The service's OpenAPI document without Postgres or Kafka: the same root module as startService, created in Nest's
 * preview mode, which resolves the module graph and routes but instantiates no provider, so the stand-ins for the
 * database, the bus and the configuration are never touched.
 */
export async function previewOpenApiDocument(definition: ServiceDefinition): Promise<OpenAPIObject> {
  const unused = <T>() => ({}) as T;
  const transport: MessageTransport = { bus: unused(), server: unused(), readiness: [], close: async () => undefined };
  const config = { serviceName: definition.name, jwt: {} } as ServiceConfig;
  const module = ServiceRootModule.register({
    definition,
    config,
    dataSource: unused<DataSource>(),
    transport,
    lifecycle: new ServiceLifecycle(),
    logger: new JsonLogger(definition.name, 'error'),
    metrics: new Registry(),
  });
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app, definition);
  } finally {
    await app.close();
  }
}
