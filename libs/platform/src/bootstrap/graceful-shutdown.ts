import type { LoggerService } from '@nestjs/common';
import { shutdownTracing } from '../tracing/tracing-state';

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
    // The spans still batched go out before the process does (nothing to do when tracing is off).
    stop().then(
      () => shutdownTracing().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error(error instanceof Error ? error : String(error), 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
