/** What the standard OpenTelemetry variables ask of this process; read without loading any of the SDK. */
export interface TracingConfig {
  exporter: 'otlp' | 'console';
  /** Sampler name as OTEL_TRACES_SAMPLER spells it, and its argument (the ratio). */
  sampler: string;
  samplerRatio: number;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans wait in the batch before they are exported (ms). */
  scheduleDelayMs: number;
}

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];

/** A variable that is set to something this service cannot honour: it stops the service, naming it. */
export class TracingConfigError extends Error {}

/**
 * Tracing is off unless configured: on when OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
 * OTEL_TRACES_EXPORTER is set, and off again with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true.
 * Returns undefined when off. Spans go out as OTLP over HTTP with JSON bodies (the exporter's own variables:
 * endpoint, headers, timeout, certificates) or, with OTEL_TRACES_EXPORTER=console, to stdout.
 */
export function tracingConfig(env: NodeJS.ProcessEnv): TracingConfig | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporter = value('OTEL_TRACES_EXPORTER')?.toLowerCase();
  if (exporter === 'none') return undefined;
  if (!exporter && !value('OTEL_EXPORTER_OTLP_ENDPOINT') && !value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'))
    return undefined;
  if (exporter && exporter !== 'otlp' && exporter !== 'console') {
    throw new TracingConfigError(`OTEL_TRACES_EXPORTER must be otlp, console or none (got ${exporter})`);
  }
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = value(name);
    if (protocol && protocol !== 'http/json')
      throw new TracingConfigError(
        `${name} must be http/json, the only OTLP protocol this service sends (got ${protocol})`,
      );
    if (protocol) break;
  }
  const sampler = value('OTEL_TRACES_SAMPLER')?.toLowerCase() ?? 'parentbased_always_on';
  if (!SAMPLERS.includes(sampler))
    throw new TracingConfigError(`OTEL_TRACES_SAMPLER must be one of ${SAMPLERS.join(', ')} (got ${sampler})`);
  const ratioText = value('OTEL_TRACES_SAMPLER_ARG');
  const samplerRatio = ratioText === undefined ? 1 : Number(ratioText);
  if (sampler.endsWith('traceidratio') && !(samplerRatio >= 0 && samplerRatio <= 1)) {
    throw new TracingConfigError(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1 (got ${ratioText})`);
  }
  const delayText = value('OTEL_BSP_SCHEDULE_DELAY');
  const scheduleDelayMs = delayText === undefined ? 5000 : Number(delayText);
  if (!Number.isInteger(scheduleDelayMs) || scheduleDelayMs < 0)
    throw new TracingConfigError(`OTEL_BSP_SCHEDULE_DELAY must be a whole number of milliseconds (got ${delayText})`);
  return { exporter: exporter === 'console' ? 'console' : 'otlp', sampler, samplerRatio, scheduleDelayMs };
}
