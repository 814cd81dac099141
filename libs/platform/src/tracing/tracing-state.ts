/**
 * Whether this process traces, set once by startTracingIfConfigured before anything else loads. Code on the hot
 * paths (append, publish, consume) asks this first and does nothing more when tracing is off.
 */
let active = false;
let shutdown: () => Promise<void> = async () => undefined;

export function tracingActive(): boolean {
  return active;
}

export function markTracingStarted(flush: () => Promise<void>): void {
  active = true;
  shutdown = flush;
}

/** Exports the spans still batched and stops the SDK (graceful shutdown); nothing when tracing is off. */
export function shutdownTracing(): Promise<void> {
  return shutdown().catch(() => undefined);
}
