import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { ServiceConfig } from '../config/service-config';
import { connectWithRetry } from '../database/connect-with-retry';
import { createServiceDataSource } from '../database/create-service-data-source';
import { migrateServiceSchema } from '../database/migrate-service-schema';
import { DomainExceptionFilter } from '../errors/domain-exception.filter';
import { createValidationPipe } from '../errors/validation.pipe';
import { PathParameterPipe } from '../http/path-parameter.pipe';
import { RequestTextPipe } from '../http/request-text.pipe';
import { ServiceLifecycle } from '../health/service-lifecycle';
import { JsonLogger } from '../logging/json-logger';
import { requestContextMiddleware } from '../logging/request-context.middleware';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { createServiceRegistry } from '../metrics/service-registry';
import { mountOpenApi } from '../openapi/mount-openapi';
import type { MessageTransport, TransportContext } from './message-transport';
import type { ServiceDefinition } from './service-definition';
import { ServiceRootModule } from './service-root.module';

export interface RunningService {
  definition: ServiceDefinition;
  app: INestApplication;
  url: string;
  logger: JsonLogger;
  /** Stops taking work, finishes the message in hand, then closes Kafka and Postgres. */
  stop(): Promise<void>;
}

/**
 * Starts one service: Postgres (migrated under a lock, by the schema owner when DATABASE_OWNER_URL is given), then
 * HTTP plus the consumer as one hybrid Nest app, which reaches Postgres as the runtime role (DATABASE_URL) only.
 */
export async function startService(
  definition: ServiceDefinition,
  config: ServiceConfig,
  createTransport: (context: TransportContext) => MessageTransport,
): Promise<RunningService> {
  const logger = new JsonLogger(definition.name, config.logLevel);
  const dataSource = createServiceDataSource({
    databaseUrl: config.databaseUrl,
    schema: definition.schema,
    migrations: definition.migrations,
    applicationName: definition.name,
  });
  await connectWithRetry(dataSource, logger);
  await migrateServiceSchema(
    dataSource,
    {
      schema: definition.schema,
      migrations: definition.migrations,
      applicationName: definition.name,
      ownerUrl: config.databaseOwnerUrl,
      production: config.production,
    },
    logger,
  );

  const metrics = createServiceRegistry(definition.name);
  const transport = createTransport({ logger, dataSource, metrics });
  const lifecycle = new ServiceLifecycle();
  const app = await NestFactory.create(
    ServiceRootModule.register({ definition, config, dataSource, transport, lifecycle, logger, metrics }),
    { logger, abortOnError: false, forceCloseConnections: true },
  );
  // Before anything reads req.ip: behind the configured proxy it is the client the proxy saw, else the socket's peer.
  (app as NestExpressApplication).set('trust proxy', config.trustProxy ?? false);
  app.use(httpMetricsMiddleware(metrics));
  app.use(requestContextMiddleware);
  // Text no handler can store (NUL, lone surrogates) and hostile depth are refused before validation looks at anything,
  // and an id of the wrong shape before a handler queries with it.
  app.useGlobalPipes(new RequestTextPipe(), new PathParameterPipe(), createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter(logger));
  mountOpenApi(app, definition);
  app.connectMicroservice({ strategy: transport.server });
  await app.startAllMicroservices();
  await app.listen(config.port);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  logger.log(`listening on ${url}`, 'Bootstrap');

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      const started = Date.now();
      const step = (name: string) => logger.debug(`${name} closed after ${Date.now() - started} ms`, 'Shutdown');
      lifecycle.startDraining();
      // Closes HTTP, the consumer (which waits for the message in hand to commit) and the background readers.
      await app.close();
      step('application');
      await transport.close();
      step('transport');
      await dataSource.destroy();
      logger.log(`stopped in ${Date.now() - started} ms`, 'Bootstrap');
    })());
  return { definition, app, url, logger, stop };
}
