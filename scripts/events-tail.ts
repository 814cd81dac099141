// Prints a topic's messages as they arrive, one readable line per envelope (or the raw JSON with --json):
//   npm run events:tail -- --topic road-cases.events [--namespace ns] [--from-beginning] [--limit N] [--json]
// --topic is one of the TOPICS or its .dlq; --namespace is the deployment's KAFKA_NAMESPACE. Reads KAFKA_BROKERS
// (default 127.0.0.1:9092) and the KAFKA_SASL_* login, if any. Consumes in a throwaway group events-tail-<random>
// that commits no offsets and is deleted on exit. Stops on Ctrl-C or after --limit messages. With --json each line is the message value as it is on the
// topic; on a .dlq topic it is wrapped as {"dlq-error": ..., "value": ...}.
// Exit 0 when stopped; 2 on a usage, configuration or runtime error.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Admin, Consumer, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, MESSAGE_HEADERS, type IntegrationEnvelope } from '@app/contracts';
import { physicalTopic } from '@app/messaging';
import {
  exitOnHelp,
  fail,
  fmt,
  headerText,
  onInterrupt,
  parseNamespace,
  parseTopic,
  reportFailure,
  parseOptions,
} from './cli-support';
import { connectToKafka, requireTopic } from './kafka-connection';

const USAGE =
  'usage: npm run events:tail -- --topic <topic> [--namespace <ns>] [--from-beginning] [--limit N] [--json]';

function readOptions() {
  exitOnHelp(USAGE);
  const values: { topic?: string; namespace?: string; 'from-beginning'?: boolean; limit?: string; json?: boolean } =
    parseOptions(USAGE, 'topic namespace limit', {
      'from-beginning': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    fail(`--limit must be a whole number >= 1, not "${values.limit}"\n${USAGE}`);
  const topic = parseTopic(values.topic, { deadLetters: true, usage: USAGE });
  return {
    topic,
    deadLetters: topic.endsWith('.dlq'),
    namespace: parseNamespace(values.namespace),
    fromBeginning: values['from-beginning'] === true,
    limit,
    json: values.json === true,
  };
}
type Options = ReturnType<typeof readOptions>;

const isEnvelope = (value: unknown): value is IntegrationEnvelope =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as IntegrationEnvelope).eventType === 'string' &&
  typeof (value as IntegrationEnvelope).streamId === 'string';

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** time  type  stream@version  corr …  actor id (role)  p<partition>/<offset>  [dlq-error: …] */
function describe(message: KafkaMessage, partition: number, o: Options): string {
  const headers = headerText(message.headers);
  const text = message.value?.toString() ?? '';
  const value = parseValue(text);
  const where = `p${partition}/${message.offset}`;
  let line: string;
  if (isEnvelope(value)) {
    const actor = value.actor ? `${value.actor.id} (${value.actor.role})` : '?';
    line = [
      value.occurredAt ?? new Date(Number(message.timestamp)).toISOString(),
      value.eventType.padEnd(24),
      `${value.streamId}@${value.streamVersion}`,
      `corr ${value.correlationId ?? headers[MESSAGE_HEADERS.correlationId] ?? '?'}`,
      `actor ${actor}`,
      where,
    ].join('  ');
  } else {
    // Not an envelope (a poison message on a dead-letter topic, or someone else's record): say so, show its start.
    line = [
      new Date(Number(message.timestamp)).toISOString(),
      (headers[MESSAGE_HEADERS.eventType] ?? '?').padEnd(24),
      `key ${message.key?.toString() ?? '(none)'}`,
      `not an envelope: ${oneLine(text, 80) || '(empty)'}`,
      where,
    ].join('  ');
  }
  if (o.deadLetters) {
    const consumer = headers[DEAD_LETTER_HEADERS.consumer];
    line += `  dlq-error${consumer ? ` (${consumer})` : ''}: ${oneLine(headers[DEAD_LETTER_HEADERS.error] ?? '(no header)', 300)}`;
  }
  return line;
}

/** The value as it is on the topic (a JSON string for a value that is not JSON, so every line stays JSON). */
function asJson(message: KafkaMessage, o: Options): string {
  const text = message.value?.toString() ?? '';
  const raw = parseValue(text) === undefined ? JSON.stringify(text) : text;
  if (!o.deadLetters) return raw;
  const error = headerText(message.headers)[DEAD_LETTER_HEADERS.error] ?? null;
  return `{"dlq-error":${JSON.stringify(error)},"value":${raw}}`;
}

async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  try {
    await admin.deleteGroups([groupId]);
  } catch (error) {
    // A group that never committed may be gone already; anything else is worth a word, not a failure.
    const groups = (error as { groups?: Array<{ error?: { type?: string } }> }).groups ?? [];
    if (!groups.every((g) => g.error?.type === 'GROUP_ID_NOT_FOUND'))
      process.stderr.write(`could not delete the group ${groupId}: ${(error as Error).message}\n`);
  }
}

async function main(): Promise<void> {
  const o = readOptions();
  const topic = physicalTopic(o.namespace, o.topic);
  const connection = await connectToKafka('events-tail');
  const { kafka, admin } = connection;
  const groupId = `events-tail-${randomBytes(4).toString('hex')}`;
  let consumer: Consumer | undefined;
  let printed = 0;
  let stopReason: string | undefined;
  let stopTail: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stopTail = resolve));
  const stop = (reason: string) => {
    stopReason ??= reason;
    stopTail(stopReason);
  };
  onInterrupt((signal) => stop(signal));
  // A closed pipe (| head) ends the tail like Ctrl-C.
  process.stdout.on('error', () => stop('stdout closed'));

  try {
    await requireTopic(connection, 'topic', topic, o.namespace);
    consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    const c = consumer;
    c.on(c.events.CRASH, ({ payload }) => {
      if (!payload.restart) stop(`consumer crashed: ${payload.error.message}`);
    });
    c.on(c.events.GROUP_JOIN, () => {
      process.stderr.write(
        `tailing ${topic} ${o.fromBeginning ? 'from the beginning' : 'from now on'} as ${groupId}${o.limit ? `, ${fmt(o.limit)} message(s)` : ''} (Ctrl-C to stop)\n`,
      );
    });
    await c.connect();
    await c.subscribe({ topic, fromBeginning: o.fromBeginning });
    await c.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (stopReason !== undefined || (o.limit !== undefined && printed >= o.limit)) return;
        process.stdout.write(`${o.json ? asJson(message, o) : describe(message, partition, o)}\n`);
        printed++;
        if (o.limit !== undefined && printed >= o.limit) {
          c.pause([{ topic }]);
          // Not awaited here: disconnecting waits for this very handler to return.
          stop(`limit of ${fmt(o.limit)} reached`);
        }
      },
    });
    const reason = await stopped;
    process.stderr.write(`stopping (${reason}): ${fmt(printed)} message(s) printed\n`);
    if (reason.startsWith('consumer crashed')) process.exitCode = 2;
  } catch (error) {
    reportFailure('events:tail', error);
  } finally {
    await consumer?.disconnect().catch(() => undefined);
    if (consumer) await deleteGroup(admin, groupId);
    await admin.disconnect().catch(() => undefined);
  }
}

void main();
