import type { LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** Postgres may come up after the service (compose, restarts): retry for a bounded time, then give up loudly. */
export async function connectWithRetry(
  dataSource: DataSource,
  logger: LoggerService,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.initialize();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`Postgres unreachable after ${timeoutMs} ms: ${(error as Error).message}`, { cause: error });
      }
      logger.warn(`Postgres not reachable yet (attempt ${attempt}): ${(error as Error).message}`, 'Database');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 3000)));
    }
  }
}
