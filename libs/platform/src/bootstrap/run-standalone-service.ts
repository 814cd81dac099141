import { ConfigError } from '../config/config.error';
import { loadServiceConfig } from '../config/load-service-config';
import type { ServiceConfig } from '../config/service-config';
import { JsonLogger } from '../logging/json-logger';
import { exitOnSignal } from './graceful-shutdown';
import type { MessageTransport, TransportContext } from './message-transport';
import type { ServiceDefinition } from './service-definition';
import { startService } from './start-service';

/** The main() of one service process: validated config or exit 1 naming the variable; start; stop on SIGTERM. */
export async function runStandaloneService(
  definition: ServiceDefinition,
  createTransport: (config: ServiceConfig, context: TransportContext) => MessageTransport,
): Promise<void> {
  const bootLogger = new JsonLogger(definition.name);
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(process.env, {
      serviceName: definition.name,
      defaultPort: definition.defaultPort,
      requireKafka: true,
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    bootLogger.error(error.message, 'Config');
    for (const problem of error.problems) process.stderr.write(`config: ${problem.message}\n`);
    process.exit(1);
  }
  for (const warning of config.warnings ?? []) bootLogger.warn(warning, 'Config');
  try {
    const service = await startService(definition, config, (context) => createTransport(config, context));
    exitOnSignal(service.stop, service.logger);
  } catch (error) {
    bootLogger.error(error instanceof Error ? error : String(error), 'Bootstrap');
    process.exit(1);
  }
}
