import { schemaMigration, type Queryable, type TraceCarrier } from '@app/platform';

/**
 * The W3C trace context (traceparent, tracestate) each event was appended in, for the outbox relay, which publishes
 * the event later and elsewhere (any instance may lead it) and continues the trace the event began in. Kept beside
 * the events and never in them: metadata is hashed into the chain and published, a trace id is neither a fact nor
 * the public's business. Rows are written only while tracing is on, and the relay deletes them once it published.
 */
export const EventTraceContexts1766000000000 = schemaMigration('EventTraceContexts1766000000000', {
  up: (s) => [
    `CREATE TABLE "${s}".event_trace_contexts (event_id uuid PRIMARY KEY, traceparent text NOT NULL, tracestate text)`,
  ],
  down: (s) => [`DROP TABLE "${s}".event_trace_contexts`],
});

export async function recordTraceContext(
  db: Queryable,
  schema: string,
  eventIds: string[],
  carrier: TraceCarrier,
): Promise<void> {
  await db.query(
    `INSERT INTO "${schema}".event_trace_contexts (event_id, traceparent, tracestate) SELECT unnest($1::uuid[]), $2, $3`,
    [eventIds, carrier.traceparent, carrier.tracestate ?? null],
  );
}

/** The trace contexts recorded for these events, by event id (events appended while tracing was off have none). */
export async function readTraceContexts(
  db: Queryable,
  schema: string,
  eventIds: string[],
): Promise<Map<string, TraceCarrier>> {
  const rows: Array<{ event_id: string; traceparent: string; tracestate: string | null }> = await db.query(
    `SELECT event_id, traceparent, tracestate FROM "${schema}".event_trace_contexts WHERE event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  return new Map(
    rows.map((r) => [
      r.event_id,
      { traceparent: r.traceparent, ...(r.tracestate ? { tracestate: r.tracestate } : {}) },
    ]),
  );
}

export async function forgetTraceContexts(db: Queryable, schema: string, eventIds: string[]): Promise<void> {
  await db.query(`DELETE FROM "${schema}".event_trace_contexts WHERE event_id = ANY($1::uuid[])`, [eventIds]);
}
