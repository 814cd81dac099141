import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';
import { tracingActive } from './tracing-state';

/** W3C Trace Context as text headers (`traceparent`, and `tracestate` when there is one). */
export type TraceCarrier = Record<string, string>;

const TRACER = 'integrity-square';

/** The current span's context as W3C headers; undefined when tracing is off or nothing is being traced. */
export function currentTraceCarrier(): TraceCarrier | undefined {
  if (!tracingActive()) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The remote context W3C headers carry (none, or a malformed traceparent: the root context, a new trace). */
export function contextFrom(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
  /** Parent: the remote context these W3C headers carry (none: a new trace); the active context when absent. */
  remoteParent?: TraceCarrier | null;
}

/** A span begun by beginSpan: its context, its W3C headers to hand on, and end(). */
export interface OpenSpan {
  context: Context;
  headers: TraceCarrier;
  end(error?: unknown): void;
}

/** Begins a span (undefined when tracing is off); the caller ends it. */
export function beginSpan(name: string, options: SpanOptions): OpenSpan | undefined {
  if (!tracingActive()) return undefined;
  const parent = options.remoteParent !== undefined ? contextFrom(options.remoteParent ?? undefined) : context.active();
  const span = trace.getTracer(TRACER).startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  const spanContext = trace.setSpan(parent, span);
  const headers: TraceCarrier = {};
  propagation.inject(spanContext, headers);
  return {
    context: spanContext,
    headers,
    end(error) {
      if (error !== undefined) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      span.end();
    },
  };
}

/** Runs fn inside a new span that ends when fn settles (an error marks it and is rethrown). Tracing off: fn alone. */
export async function inSpan<T>(name: string, options: SpanOptions, fn: () => Promise<T>): Promise<T> {
  const span = beginSpan(name, options);
  if (!span) return fn();
  try {
    const result = await context.with(span.context, fn);
    span.end();
    return result;
  } catch (error) {
    span.end(error);
    throw error;
  }
}

export { SpanKind };
