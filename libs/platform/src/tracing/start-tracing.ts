import type { IncomingMessage } from 'node:http';
import { matchedRoute } from '../metrics/matched-route';
import { tracingConfig, TracingConfigError, type TracingConfig } from './tracing-config';
import { markTracingStarted } from './tracing-state';

/** Probes and scrapes are not traced: every few seconds each, they would bury the requests that matter. */
const UNTRACED_PATHS = /^\/(health\/|metrics(\/|\?|$))/;

/**
 * Starts OpenTelemetry tracing when the standard variables ask for it (see tracingConfig); returns whether it did.
 * It must run before anything requires http or pg: their instrumentations patch them as they are required. Each
 * app's main.ts therefore imports its tracing.ts first, and nothing here loads the SDK unless tracing is on (the
 * requires below run only then; webpack keeps node_modules external, so they stay lazy in the bundle too).
 * `serviceName` is the resource's service.name unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise;
 * the embedded default is one process and so one resource for its four services.
 */
export function startTracingIfConfigured(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let config: TracingConfig | undefined;
  try {
    config = tracingConfig(env);
  } catch (error) {
    if (!(error instanceof TracingConfigError)) throw error;
    process.stderr.write(`config: ${error.message}\n`);
    process.exit(1);
  }
  if (!config) return false;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const resources = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const sdk = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const exporter =
    config.exporter === 'console'
      ? new sdk.ConsoleSpanExporter()
      : new (
          require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')
        ).OTLPTraceExporter();
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ 'service.name': serviceName }))
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new sdk.TracerProvider({
    resource,
    sampler: sampler(sdk, config),
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter, scheduledDelayMillis: config.scheduleDelayMs })],
  });
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  // W3C Trace Context only (traceparent, tracestate): what every hop, HTTP and Kafka, carries.
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        // The span is named by the route template once Express matched one (`POST /cases/:id/verify`), like the metric.
        applyCustomAttributesOnSpan: (span, req, res) => {
          if (!('setHeader' in res)) return; // a client span: its request went out, nothing was routed
          const route = matchedRoute(req as IncomingMessage);
          span.setAttribute('http.route', route);
          span.updateName(`${(req as IncomingMessage).method} ${route}`);
        },
      }),
      // Only inside a trace (a request, a message): the relay's and sequencer's polls would each start one.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  markTracingStarted(() => provider.shutdown());
  return true;
}

function sampler(sdk: typeof import('@opentelemetry/sdk-trace'), config: TracingConfig) {
  const root = config.sampler.endsWith('always_off')
    ? new sdk.AlwaysOffSampler()
    : config.sampler.endsWith('traceidratio')
      ? new sdk.TraceIdRatioBasedSampler(config.samplerRatio)
      : new sdk.AlwaysOnSampler();
  return config.sampler.startsWith('parentbased_') ? new sdk.ParentBasedSampler({ root }) : root;
}
