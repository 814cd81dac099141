import type { LoggerService } from '@nestjs/common';

/** On SIGTERM/SIGINT: run stop() once; if it takes longer than the grace period, exit anyway with 1. */
export function exitOnSignal(stop: () => Promise<void>, logger: LoggerService, graceMs = 10_000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining and shutting down`, 'Shutdown');
    setTimeout(() => {
      logger.error(`shutdown took longer than ${graceMs} ms; exiting`, 'Shutdown');
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error : String(error), 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
