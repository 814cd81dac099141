import { JsonLogger } from '@app/platform';
import { loadConsoleConfig, type ConsoleService } from './console-config';
import { startConsoleServer, type RunningConsole } from './console-server';

export type { RunningConsole } from './console-server';

/**
 * Starts the console from the environment: what the embedded default calls once its services listen (passing their
 * URLs and its development secret), and what `node dist/apps/console/main.js` runs beside services elsewhere.
 */
export function startConsole(
  env: NodeJS.ProcessEnv,
  given: { upstreams?: Partial<Record<ConsoleService, string>> } = {},
): Promise<RunningConsole> {
  const logger = new JsonLogger('console', (env.LOG_LEVEL as 'info') || 'info');
  return startConsoleServer(loadConsoleConfig(env, given), logger);
}
