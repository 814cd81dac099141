// Puts the dead letters of a topic back where they came from:
//   npm run dlq:replay -- --topic road-cases.events [--namespace ns] [--dry-run] [--idle-timeout 15]
// Reads <topic>.dlq in the group dlq-replay.<topic> from its committed offset (the earliest for a new group) up to the
// end offsets taken at start, so letters that fail again and come back to the .dlq are not replayed in a loop. Each
// dead letter goes to the topic in its dlq-original-topic header (else --topic) with its original value, key and
// headers, minus the dlq-* ones, plus dlq-replayed-at; its offset is committed once the broker acknowledged the send.
// --dry-run prints what would be sent and commits nothing (it reads in a throwaway group from the same offsets).
// Within each chunk the letters go back per stream in version order (the consumer parks one ahead of its predecessor
// anyway). Letters refused as forged or misplaced (dlq-reason bad_signature, chain_mismatch) are not sent back: they
// are counted and listed, their offsets committed; --include-forged sends them too (they are refused again).
// Reads KAFKA_BROKERS (default 127.0.0.1:9092) and the KAFKA_SASL_* login, if any. Exit 0: replayed up to the end
// offsets; 1: stopped short (no progress for --idle-timeout seconds, or interrupted); 2: usage, configuration or
// runtime error.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Admin, Batch, Consumer, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS, deadLetterTopic, MESSAGE_HEADERS } from '@app/contracts';
import { KafkaMessageBus, physicalTopic } from '@app/messaging';
import {
  exitOnHelp,
  fail,
  fmt,
  headerText,
  knownTopics,
  onInterrupt,
  parseNamespace,
  parseTopic,
  progressBar,
  UsageError,
  reportFailure,
  parseOptions,
} from './cli-support';
import { connectToKafka, requireTopic } from './kafka-connection';

const USAGE =
  'usage: npm run dlq:replay -- --topic <topic> [--namespace <ns>] [--dry-run] [--include-forged] [--idle-timeout <seconds>]';
/** Dead-letter reasons that say the message did not come from its producer as it is: replaying cannot help. */
const FORGED = new Set(['bad_signature', 'chain_mismatch']);
/** Dead letters per send (one acknowledged sendBatch, then one commit), and bytes: the broker refuses requests over 1 MB. */
const CHUNK = 100;
const CHUNK_BYTES = 512 * 1024;
const REPLAYED_AT = 'dlq-replayed-at';

function readOptions() {
  exitOnHelp(USAGE);
  const values = parseOptions(USAGE, 'topic namespace idle-timeout', {
    'dry-run': { type: 'boolean', default: false },
    'include-forged': { type: 'boolean', default: false },
  });
  if (values.topic?.endsWith('.dlq') && knownTopics(false).includes(values.topic.slice(0, -4))) {
    fail(
      `--topic names the topic the letters go back to, not its dead-letter topic: --topic ${values.topic.slice(0, -4)}`,
    );
  }
  const idle = values['idle-timeout'] === undefined ? 15 : Number(values['idle-timeout']);
  if (!Number.isFinite(idle) || idle < 1)
    fail(`--idle-timeout must be a number of seconds >= 1, not "${values['idle-timeout']}"\n${USAGE}`);
  return {
    topic: parseTopic(values.topic, { deadLetters: false, usage: USAGE }),
    namespace: parseNamespace(values.namespace),
    dryRun: values['dry-run'] === true,
    includeForged: values['include-forged'] === true,
    idleTimeoutMs: idle * 1000,
  };
}

interface PartitionPlan {
  partition: number;
  /** First offset to replay: the group's committed offset, or the earliest. */
  start: bigint;
  /** The end offset when the run started: offsets from here on are left for a later run. */
  end: bigint;
  /** Next offset to handle. */
  next: bigint;
  committed: string;
}

/** Where each partition of the .dlq starts and ends for this run. */
async function plan(admin: Admin, dlq: string, groupId: string): Promise<PartitionPlan[]> {
  const ends = await admin.fetchTopicOffsets(dlq);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [dlq] });
  return ends
    .map((e) => {
      const low = BigInt(e.low);
      const end = BigInt(e.high);
      const at = committed?.partitions.find((p) => p.partition === e.partition)?.offset ?? '-1';
      // No commit yet, a commit below what retention kept, or beyond the end (topic recreated): the consumer starts at the earliest.
      const start = BigInt(at) < low || BigInt(at) > end ? low : BigInt(at);
      return { partition: e.partition, start, end, next: start, committed: at };
    })
    .sort((a, b) => a.partition - b.partition);
}

interface Replay {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  /** The dlq-error header, for the dry run's listing. */
  error: string | undefined;
  reason: string | undefined;
}

/** The stream version an envelope claims (0 when the value is not an envelope): replays go per stream in version order. */
function versionOf(value: string): number {
  try {
    const version = (JSON.parse(value) as { streamVersion?: unknown }).streamVersion;
    return typeof version === 'number' ? version : 0;
  } catch {
    return 0;
  }
}

/** Stable: letters of one stream (key) in version order, streams in the order their first letter came. */
export function inStreamOrder<T extends { key: string | null; value: string }>(replays: T[]): T[] {
  const first = new Map<string | null, number>();
  replays.forEach((r, i) => first.has(r.key) || first.set(r.key, i));
  return replays
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => first.get(a.r.key)! - first.get(b.r.key)! || versionOf(a.r.value) - versionOf(b.r.value) || a.i - b.i,
    )
    .map(({ r }) => r);
}

/** What goes back: the original value, key and headers, the dead-letter bookkeeping replaced by the replay time. */
function replayOf(message: KafkaMessage, fallbackTopic: string, replayedAt: string): Replay {
  const headers = headerText(message.headers);
  const topic = headers[DEAD_LETTER_HEADERS.originalTopic] || fallbackTopic;
  const original = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('dlq-')));
  return {
    topic,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    headers: { ...original, [REPLAYED_AT]: replayedAt },
    error: headers[DEAD_LETTER_HEADERS.error],
    reason: headers[DEAD_LETTER_HEADERS.reason],
  };
}

const sizeOf = (m: KafkaMessage) =>
  (m.value?.length ?? 0) +
  (m.key?.length ?? 0) +
  Object.entries(headerText(m.headers)).reduce((n, [k, v]) => n + k.length + v.length, 0);

/** Consecutive runs of at most CHUNK messages and about CHUNK_BYTES (a single bigger letter goes alone). */
function* chunks(messages: KafkaMessage[]): Generator<KafkaMessage[]> {
  let chunk: KafkaMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = sizeOf(m);
    if (chunk.length > 0 && (chunk.length >= CHUNK || bytes + size > CHUNK_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

async function main(): Promise<void> {
  const o = readOptions();
  const connection = await connectToKafka('dlq-replay');
  const { kafka, admin } = connection;
  const topic = physicalTopic(o.namespace, o.topic);
  const dlq = deadLetterTopic(topic);
  const groupId = `dlq-replay.${topic}`;
  // A dry run reads in a group of its own, seeked to the real group's offsets, so it can neither commit nor disturb it.
  const readerGroup = o.dryRun ? `dlq-replay-dry-${randomBytes(4).toString('hex')}` : groupId;

  const bus = new KafkaMessageBus(kafka, o.namespace);
  let consumer: Consumer | undefined;
  let finish: (reason: 'done' | 'stalled' | 'interrupted' | 'failed') => void = () => undefined;
  const finished = new Promise<'done' | 'stalled' | 'interrupted' | 'failed'>((resolve) => (finish = resolve));
  let stopping = false;
  const stop = (reason: 'done' | 'stalled' | 'interrupted' | 'failed') => {
    stopping = true;
    finish(reason);
  };
  onInterrupt(() => stop('interrupted'));
  let failure: Error | undefined;
  const bar = progressBar(o.dryRun ? 'reading' : 'replaying', 'letters');
  const started = performance.now();
  const perTopic = new Map<string, number>();
  let handled = 0;
  let total = 0;
  let leftForged = 0;
  let idleTimer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  try {
    const existing = new Set(await requireTopic(connection, 'dead-letter topic', dlq, o.namespace));
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group && group.members.length > 0) {
      throw new UsageError(
        `group ${groupId} has ${group.members.length} active member(s): is another dlq:replay running? Try again when it is done.`,
      );
    }
    const partitions = await plan(admin, dlq, groupId);
    total = partitions.reduce((n, p) => n + Number(p.end - p.start), 0);
    const committedText = partitions.every((p) => p.committed === '-1')
      ? 'no offsets committed yet: from the earliest'
      : `committed ${partitions.map((p) => `p${p.partition}:${p.committed === '-1' ? '-' : p.committed}`).join(' ')}`;
    process.stderr.write(
      `${dlq}: ${fmt(total)} dead letter(s) to ${o.dryRun ? 'look at (dry run: nothing is sent or committed)' : 'replay'}; group ${groupId}, ${committedText}\n`,
    );
    for (const p of partitions.filter((p) => p.end > p.start))
      process.stderr.write(`  p${p.partition}: offsets ${p.start}..${p.end - 1n}\n`);
    if (total === 0) {
      process.stdout.write(`nothing to replay: ${dlq} has no dead letters after the group's committed offsets\n`);
      return;
    }

    const byPartition = new Map(partitions.map((p) => [p.partition, p]));
    const remaining = () => partitions.filter((p) => p.next < p.end);
    let lastProgress = performance.now();
    idleTimer = setInterval(() => {
      if (performance.now() - lastProgress > o.idleTimeoutMs) stop('stalled');
    }, 500);

    /** Marks a partition done once its position reaches the end taken at start, and stops when all are. */
    const reached = (c: Consumer, p: PartitionPlan, position: bigint) => {
      if (position > p.next) p.next = position < p.end ? position : p.end;
      if (p.next >= p.end) c.pause([{ topic: dlq, partitions: [p.partition] }]);
      if (remaining().length === 0) stop('done');
    };

    const c = kafka.consumer({
      groupId: readerGroup,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    consumer = c;
    c.on(c.events.CRASH, ({ payload }) => {
      if (!payload.restart) {
        failure ??= payload.error;
        stop('failed');
      }
    });
    // Batches of only control records never reach eachBatch: their end still counts as reached.
    c.on(c.events.END_BATCH_PROCESS, ({ payload }) => {
      const p = byPartition.get(payload.partition);
      if (p && payload.topic === dlq && payload.batchSize === 0) reached(c, p, BigInt(payload.lastOffset) + 1n);
    });
    await c.connect();
    await c.subscribe({ topic: dlq, fromBeginning: true });

    const handleBatch = async (
      batch: Batch,
      resolveOffset: (offset: string) => void,
      heartbeat: () => Promise<void>,
    ) => {
      const p = byPartition.get(batch.partition);
      if (!p) return;
      const due = batch.messages.filter((m) => BigInt(m.offset) >= p.next && BigInt(m.offset) < p.end);
      for (const all of chunks(due)) {
        if (stopping) break;
        const replayedAt = new Date().toISOString();
        let chunk = all;
        let replays = chunk.map((m) => replayOf(m, topic, replayedAt));
        // A letter naming a topic that is not there stops the run at that letter; the ones before it still go.
        if (replays.some((r) => !existing.has(r.topic))) for (const t of await admin.listTopics()) existing.add(t);
        const bad = replays.findIndex((r) => !existing.has(r.topic));
        const problem =
          bad < 0
            ? undefined
            : new UsageError(
                `dead letter ${dlq} p${p.partition}/${chunk[bad].offset} names an original topic that does not exist: ${replays[bad].topic}`,
              );
        if (bad >= 0) {
          chunk = chunk.slice(0, bad);
          replays = replays.slice(0, bad);
        }
        if (chunk.length > 0) {
          const nextOffset = (BigInt(chunk[chunk.length - 1].offset) + 1n).toString();
          if (o.dryRun) {
            chunk.forEach((m, j) => {
              const r = replays[j];
              process.stdout.write(
                `would replay ${dlq} p${p.partition}/${m.offset} -> ${r.topic}  key ${r.key ?? '(none)'}  ${r.headers[MESSAGE_HEADERS.eventType] ?? '?'}  ` +
                  `${r.headers[MESSAGE_HEADERS.eventId] ?? ''}  (dlq-error: ${(r.error ?? '?').replace(/\s+/g, ' ').slice(0, 200)})\n`,
              );
            });
          } else {
            const forged = replays.filter((r) => FORGED.has(r.reason ?? '') && !o.includeForged);
            for (const r of forged) {
              process.stderr.write(
                `not replayed (${r.reason}): ${r.headers[MESSAGE_HEADERS.eventType] ?? '?'} key ${r.key ?? '(none)'}: ${(r.error ?? '').slice(0, 200)}\n`,
              );
            }
            leftForged += forged.length;
            const toSend = inStreamOrder(replays.filter((r) => !forged.includes(r)));
            // Acknowledged by all in-sync replicas before the offsets move: a crash in between replays the chunk again.
            if (toSend.length > 0)
              await bus.sendRaw(toSend.map(({ topic: t, key, value, headers }) => ({ topic: t, key, value, headers })));
            await c.commitOffsets([{ topic: dlq, partition: p.partition, offset: nextOffset }]);
          }
          for (const r of replays) perTopic.set(r.topic, (perTopic.get(r.topic) ?? 0) + 1);
          handled += chunk.length;
          resolveOffset(chunk[chunk.length - 1].offset);
          lastProgress = performance.now();
          bar.update(handled, total);
          reached(c, p, BigInt(nextOffset));
        }
        if (problem) throw problem;
        await heartbeat();
      }
      // Offsets past the batch's last record that are not there (compaction, transaction markers) do not hold us up.
      if (!stopping && batch.messages.some((m) => BigInt(m.offset) >= p.end)) reached(c, p, p.end);
    };

    await c.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        if (stopping || batch.topic !== dlq) return;
        inFlight = handleBatch(batch, resolveOffset, heartbeat).catch((error: Error) => {
          // Stop at the first failure: what was acknowledged is committed, the rest stays for the next run.
          failure ??= error;
          stop('failed');
        });
        await inFlight;
      },
    });
    if (o.dryRun)
      for (const p of partitions)
        if (p.end > p.start) c.seek({ topic: dlq, partition: p.partition, offset: p.start.toString() });

    const reason = await finished;
    // Let the chunk in hand finish first: once the consumer is stopping, kafkajs drops commitOffsets without a word.
    await inFlight;
    bar.finish();
    const seconds = (performance.now() - started) / 1000;
    const verb = o.dryRun ? 'would replay' : 'replayed';
    const lines = [
      `${verb} ${fmt(handled)} of ${fmt(total)} dead letter(s) from ${dlq} in ${seconds.toFixed(1)} s${o.dryRun ? ' (dry run: nothing sent, nothing committed)' : ''}`,
    ];
    for (const [t, n] of [...perTopic].sort()) lines.push(`  ${fmt(n).padStart(8)}  -> ${t}`);
    if (leftForged > 0)
      lines.push(
        `  ${fmt(leftForged).padStart(8)}  not sent back: refused as forged or misplaced (bad_signature, chain_mismatch); --include-forged sends them`,
      );
    if (!o.dryRun && handled > 0)
      lines.push(`group ${groupId} now at ${partitions.map((p) => `p${p.partition}:${p.next}`).join(' ')}`);
    if (reason === 'stalled') {
      lines.push(
        `STOPPED SHORT: no progress for ${o.idleTimeoutMs / 1000} s; left ${remaining()
          .map((p) => `p${p.partition} ${p.next}..${p.end - 1n}`)
          .join(', ')} for the next run`,
      );
    } else if (reason === 'interrupted') {
      lines.push(`INTERRUPTED: ${fmt(total - handled)} dead letter(s) left for the next run`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    if (reason === 'failed') throw failure ?? new Error('the consumer stopped');
    process.exitCode = reason === 'done' ? 0 : 1;
  } catch (error) {
    bar.finish();
    reportFailure('dlq:replay', error);
  } finally {
    clearInterval(idleTimer);
    await consumer?.disconnect().catch(() => undefined);
    await bus.close().catch(() => undefined);
    if (o.dryRun && consumer) await admin.deleteGroups([readerGroup]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

void main();
