import { http } from '@app/testing';

/**
 * The sum of a metric's samples in Prometheus text whose labels include `labels` (parsed, so in any label order;
 * 0 while it has no such sample): what the specs read counters and gauges by.
 */
export function metricSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

/** metricSum of what the service answers on /metrics now (its url read at the call: it may have restarted). */
export async function scrapedMetric(
  service: { url: string },
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  return metricSum(String((await http('GET', `${service.url}/metrics`)).body), name, labels);
}
