import { join } from 'node:path';
import { Kafka, type Consumer } from 'kafkajs';
import pg from 'pg';
import { MESSAGE_HEADERS, TOPICS } from '@app/contracts';
import { ensureTopics, physicalTopic } from '@app/messaging';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  startServiceProcess,
  uniqueNamespace,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { startOtlpReceiver, SPAN_KIND, type ReceivedSpan } from '../../support/otlp-receiver';
import { testKafka } from '../../support/kafka-under-test';
import { spawnEnv } from '../../support/spawned-services';

/** W3C Trace Context, version 00: version-traceid-parentid-flags, lowercase hex, neither id all zeros. */
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;
const PROBE = join(process.cwd(), 'test', 'support', 'loaded-modules.probe.cjs');
const SDK_PACKAGES = [
  '@opentelemetry/sdk-trace',
  '@opentelemetry/instrumentation',
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-pg',
  '@opentelemetry/exporter-trace-otlp-http',
];

async function rowsOf(db: TestDatabase, sql: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const loadedPackages = (output: string): string[] =>
  JSON.parse(output.match(/loaded-opentelemetry-packages: (\[.*\])/)![1]);

/** Every message of a topic from its start, with headers as text. */
async function readTopic(
  kafka: Kafka,
  topic: string,
): Promise<{ consumer: Consumer; messages: Array<{ headers: Record<string, string> }> }> {
  const consumer = kafka.consumer({ groupId: `${topic}-reader-${Date.now()}` });
  const messages: Array<{ headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push({
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
    },
  });
  return { consumer, messages };
}

// monitoring and road-cases as two processes on real Postgres and Kafka, exporting OTLP/HTTP JSON to a collector the
// test runs: a moderator's accept on monitoring appends ReportForwarded, the outbox relay publishes it later, and
// road-cases' intake consumes it. One trace from the HTTP request, through Postgres and Kafka, into the consumer.
describe('tracing across HTTP, Postgres and Kafka', () => {
  const ns = uniqueNamespace('otel');
  const kafka = testKafka('tracing-int');
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let monitoringDb: TestDatabase;
  let roadCasesDb: TestDatabase;
  let monitoring: ServiceProcess;
  let roadCases: ServiceProcess;
  let topic: Awaited<ReturnType<typeof readTopic>>;

  const env = (db: TestDatabase, tracing: boolean) =>
    spawnEnv(db, 'otel', {
      kafkaNamespace: ns,
      env: {
        NODE_OPTIONS: `--require ${PROBE}`,
        ...(tracing ? { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' } : {}),
      },
    });

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    [monitoringDb, roadCasesDb] = await Promise.all([
      createTestDatabase('otel_monitoring'),
      createTestDatabase('otel_road_cases'),
    ]);
    await ensureTopics(
      kafka,
      [TOPICS.monitoring, TOPICS.budgets, TOPICS.roadCases, TOPICS.pings].map((t) => physicalTopic(ns, t)),
    );
    [monitoring, roadCases] = await Promise.all([
      startServiceProcess('monitoring', env(monitoringDb, true)),
      startServiceProcess('road-cases', { ...env(roadCasesDb, true), ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' }),
    ]);
    topic = await readTopic(kafka, physicalTopic(ns, TOPICS.monitoring));
  });

  afterAll(async () => {
    await topic?.consumer.disconnect().catch(() => undefined);
    await Promise.all([monitoring?.stop(), roadCases?.stop()]);
    await receiver?.close();
    await Promise.all([monitoringDb?.drop(), roadCasesDb?.drop()]);
  });

  /** Files a citizen's report and has a moderator accept it (ReportForwarded); the accept's answer. */
  async function forwardReport(service: ServiceProcess, lat: number) {
    const filed = await http('POST', `${service.url}/reports`, {
      headers: bearer('citizen', 'citizen-otel'),
      body: {
        kind: 'road_defect',
        description: 'Pothole',
        road: { location: { lat, lon: 71.3667 }, district: 'Taraz', address: 'Tole bi 12', defectType: 'pothole' },
        contact: { phone: '+77011234567' },
      },
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect(
      (await http('POST', `${service.url}/reports/${id}/start-review`, { headers: bearer('moderator'), body: {} }))
        .status,
    ).toBe(200);
    const accepted = await http('POST', `${service.url}/reports/${id}/accept`, {
      headers: bearer('moderator'),
      body: { meetingDate: '2020-03-19' },
    });
    expect(accepted.status).toBe(200);
    return { eventIds: (accepted.body.events as Array<{ eventId: string }>).map((e) => e.eventId) };
  }

  it('carries one trace from the HTTP request through Postgres and Kafka into the consumer', async () => {
    const { eventIds } = await forwardReport(monitoring, 42.9);
    const spans = receiver.spans;
    const request = await eventually(
      async () =>
        spans.find(
          (s) => s.service === 'monitoring' && s.kind === SPAN_KIND.server && s.name === 'POST /reports/:id/accept',
        ),
      Boolean,
      { what: 'the HTTP span of the accept' },
    ).then((s) => s!);
    expect(request.attributes['http.route']).toBe('/reports/:id/accept');
    const inTrace = (s: ReceivedSpan) => s.traceId === request.traceId;

    const consumer = await eventually(
      async () => spans.find((s) => s.service === 'road-cases' && s.kind === SPAN_KIND.consumer && inTrace(s)),
      Boolean,
      {
        timeoutMs: 60_000,
        what: `road-cases' consumer span in trace ${request.traceId}\n${roadCases.output().slice(-2000)}`,
      },
    ).then((s) => s!);
    expect(consumer.name).toBe(`process ${TOPICS.monitoring}`);
    expect(consumer.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': TOPICS.monitoring,
    });

    // The consumer's parent is the relay's send span, itself a child of the request the event was appended in.
    const producer = spans.find((s) => s.spanId === consumer.parentSpanId)!;
    expect(producer).toMatchObject({
      service: 'monitoring',
      kind: SPAN_KIND.producer,
      name: `send ${TOPICS.monitoring}`,
      traceId: request.traceId,
      parentSpanId: request.spanId,
    });
    expect(eventIds).toContain(consumer.attributes['messaging.message.id']);

    // Postgres on both sides: the accept's append, and the intake's queries inside the consumer span.
    const pgSpans = () =>
      spans.filter(
        (s) =>
          inTrace(s) &&
          s.kind === SPAN_KIND.client &&
          (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'postgresql',
      );
    expect(
      pgSpans().some(
        (s) =>
          s.service === 'monitoring' &&
          s.parentSpanId === request.spanId &&
          /INSERT INTO "monitoring"\.events/.test(
            String(s.attributes['db.query.text'] ?? s.attributes['db.statement']),
          ),
      ),
    ).toBe(true);
    await eventually(
      async () => pgSpans().filter((s) => s.service === 'road-cases'),
      (found) => found.some((s) => s.parentSpanId === consumer.spanId),
      {
        what: 'a road-cases pg span under the consumer span',
      },
    );

    // The Kafka record itself carried the producer span's context in W3C form, outside the signed value.
    const record = await eventually(
      async () =>
        topic.messages.find(
          (m) =>
            m.headers[MESSAGE_HEADERS.eventType] === 'ReportForwarded' &&
            eventIds.includes(m.headers[MESSAGE_HEADERS.eventId]),
        ),
      Boolean,
      { what: 'the ReportForwarded record' },
    ).then((m) => m!);
    const [, traceId, parentId, flags] = record.headers.traceparent.match(TRACEPARENT)!;
    expect({ traceId, parentId, flags }).toEqual({ traceId: request.traceId, parentId: producer.spanId, flags: '01' });
    expect(record.headers.signature).toBeDefined();

    // The events the intake appended inside the consumer span carry the trace on: road-cases' own relay publishes them in it.
    await eventually(
      async () => spans.find((s) => s.service === 'road-cases' && s.kind === SPAN_KIND.producer && inTrace(s)),
      Boolean,
      {
        what: 'a road-cases send span in the same trace',
      },
    );
    // The relay forgot the contexts it published: the table does not grow.
    const left = await eventually(
      () => rowsOf(monitoringDb, 'SELECT count(*)::int AS n FROM monitoring.event_trace_contexts'),
      (rows) => rows[0].n === 0,
      { what: 'event_trace_contexts emptied by the relay' },
    );
    expect(left[0].n).toBe(0);
  });

  it('loads the SDK only when configured, and publishes no traceparent without it', async () => {
    const untracedDb = await createTestDatabase('otel_off');
    const untraced = await startServiceProcess('monitoring', { ...env(untracedDb, false), KAFKA_NAMESPACE: ns });
    try {
      const { eventIds } = await forwardReport(untraced, 43.1);
      const record = await eventually(
        async () => topic.messages.find((m) => eventIds.includes(m.headers[MESSAGE_HEADERS.eventId])),
        Boolean,
        { what: "the untraced service's record" },
      ).then((m) => m!);
      expect(record.headers).not.toHaveProperty('traceparent');
      expect(record.headers).not.toHaveProperty('tracestate');
      expect(record.headers.signature).toBeDefined();
    } finally {
      await untraced.stop();
      await untracedDb.drop();
    }
    const off = loadedPackages(untraced.output());
    for (const name of SDK_PACKAGES) expect(off).not.toContain(name);
    // The probe sees the SDK where it is loaded: the traced monitoring, once it stopped.
    await monitoring.stop();
    expect(loadedPackages(monitoring.output())).toEqual(expect.arrayContaining(SDK_PACKAGES));
  });
});
