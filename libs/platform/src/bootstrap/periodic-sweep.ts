import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { JsonLogger } from '../logging/json-logger';
import { requestContext } from '../logging/request-context';

/**
 * A sweep the service runs every `intervalMs` while it is up (0: never, e.g. in tests, which call run() themselves);
 * a failed sweep is logged and the next one tries again.
 */
export abstract class PeriodicSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly sweepLogger: JsonLogger,
    private readonly intervalMs: number,
    private readonly sweepName: string,
  ) {}

  abstract run(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(
      () =>
        void this.run().catch((e) =>
          this.sweepLogger.warn(`${this.sweepName} failed: ${(e as Error).message}`, this.sweepName),
        ),
      this.intervalMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

/** Who an overdue sweep's commands are recorded as done by: the operator's scheduler, in every service. */
export const OVERDUE_SWEEP_ACTOR = { id: 'overdue-sweep', role: 'operator' };

/**
 * One sweep's thread: every step it takes carries the sweep's correlation id (and a request id per item), so an
 * auditor finds all it did together. Resolves with the ids whose step appended events.
 */
export function sweepThread(): (
  ids: string[],
  step: (id: string) => Promise<{ events: unknown[] }>,
) => Promise<string[]> {
  const sweepId = randomUUID();
  return async (ids, step) => {
    const changed: string[] = [];
    for (const id of ids) {
      await requestContext.run({ correlationId: sweepId, requestId: `${sweepId}:${id}` }, async () => {
        if ((await step(id)).events.length > 0) changed.push(id);
      });
    }
    return changed;
  };
}
