import { collectDefaultMetrics, Registry } from 'prom-client';

const withProcessMetrics = new WeakSet<Registry>();

/**
 * The metrics registry of one service, every series labelled with its name. The embedded default runs four services
 * in one process: each has its own registry (its own /metrics), and each carries the process metrics (CPU, memory,
 * event loop, GC) of the process it runs in — registered once per registry, since a second registration would throw.
 */
export function createServiceRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  addProcessMetrics(registry);
  return registry;
}

export function addProcessMetrics(registry: Registry): void {
  if (withProcessMetrics.has(registry)) return;
  withProcessMetrics.add(registry);
  collectDefaultMetrics({ register: registry });
}
