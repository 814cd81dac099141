import type { LoggerService } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { ContractViolationError, MESSAGE_HEADERS, type AnyPublishedEvent } from '@app/contracts';
import {
  CheckpointedReader,
  forgetTraceContexts,
  readTraceContexts,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import { tracingActive, type MessageBus, type OutgoingMessage } from '@app/platform';
import { envelopeMessage, toIntegrationEnvelope, type PublicActor } from './integration-envelope.factory';
import { heldReason, OutboxQuarantine, type QuarantineStatus, type SetAside } from './outbox-quarantine';

export const OUTBOX_RELAY_NAME = 'outbox-relay';

export interface OutboxRelayOptions {
  store: EventStore;
  bus: MessageBus;
  topic: string;
  published: AnyPublishedEvent[];
  onPublished?: (count: number) => void;
  /** Events set aside instead of published (see publishBatch). */
  onQuarantined?: (status: QuarantineStatus, count: number) => void;
  logger?: LoggerService;
  batchSize?: number;
  idleMs?: number;
  /**
   * Set aside an event whose public payload fails its contract (default true; needs the outbox_quarantine table of
   * messagingMigrations). false: such an event fails its batch and the relay retries it forever (as before quarantine).
   */
  quarantine?: boolean;
  /** How often the leader looks for streams an operator released (default 1000 ms). */
  releaseCheckMs?: number;
  /** The envelope's actor as published (a citizen's user id becomes a pseudonym); absent: as stored. */
  publicActor?: PublicActor;
}

export interface PublishBatchOptions extends Pick<
  OutboxRelayOptions,
  'bus' | 'topic' | 'published' | 'onQuarantined' | 'logger' | 'publicActor'
> {
  /** Where events that cannot be published are set aside; without it (or without a db) such an event fails the batch. */
  quarantine?: OutboxQuarantine;
  /** The store's schema, where the trace contexts the events were appended in are read (tracing on). */
  traceSchema?: string;
}

/** Why an event cannot be enveloped: its contract's problems, or what its toPublic threw (as deterministic). */
function problemOf(error: unknown): string {
  if (error instanceof ContractViolationError) return error.message;
  return `toPublic or envelope failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Publishes one batch of committed events; events of types the service does not publish stay internal. With a
 * quarantine, an event that cannot be enveloped (its public payload fails its contract) is recorded as quarantined
 * instead of failing the batch, every later event of a stream with unpublished quarantine rows is recorded as held
 * (the stream's order is kept), and everything else is published; the rows are written (committed: the relay's
 * connection is outside a transaction) before this returns, so before the checkpoint moves.
 */
export function publishBatch(options: PublishBatchOptions) {
  const byType = new Map(options.published.map((p) => [p.eventType, p]));
  return async (events: RecordedEvent[], db?: DataSource | EntityManager): Promise<number> => {
    const candidates = events.filter((event) => byType.has(event.type));
    const quarantine =
      options.quarantine && db && (await options.quarantine.available(db)) ? options.quarantine : undefined;
    let messages: OutgoingMessage[];
    if (!quarantine || !db || candidates.length === 0) {
      messages = candidates.map((event) =>
        envelopeMessage(options.topic, toIntegrationEnvelope(event, byType.get(event.type)!, options.publicActor)),
      );
    } else {
      const { known, blocked } = await quarantine.stateOf(db, candidates);
      const setAside: SetAside[] = [];
      messages = [];
      for (const event of candidates) {
        if (known.has(event.eventId)) continue;
        const blocker = blocked.get(event.streamId);
        if (blocker !== undefined) {
          setAside.push({ event, status: 'held', error: heldReason(blocker) });
          continue;
        }
        try {
          messages.push(
            envelopeMessage(options.topic, toIntegrationEnvelope(event, byType.get(event.type)!, options.publicActor)),
          );
        } catch (error) {
          const problem = problemOf(error);
          blocked.set(event.streamId, event.eventId);
          setAside.push({ event, status: 'quarantined', error: problem });
          options.logger?.warn(
            `outbox: quarantined event ${event.eventId} (${event.type}, stream ${event.streamId} v${event.streamVersion}), not published: ` +
              `${problem}; the stream's later events are held until it is fixed and released (npm run outbox:release -- --stream ${event.streamId})`,
            'Outbox',
          );
        }
      }
      await quarantine.record(db, setAside);
      for (const status of ['quarantined', 'held'] as const) {
        const n = setAside.filter((s) => s.status === status).length;
        if (n > 0) options.onQuarantined?.(status, n);
      }
      const held = setAside.filter((s) => s.status === 'held');
      if (held.length > 0) {
        const streams = [...new Set(held.map((s) => s.event.streamId))];
        options.logger?.warn(
          `outbox: held ${held.length} event(s) of quarantined stream(s) ${streams.join(', ')} to keep their order`,
          'Outbox',
        );
      }
    }
    if (messages.length > 0 && tracingActive() && db && options.traceSchema) {
      const traces = await readTraceContexts(
        db,
        options.traceSchema,
        messages.map((m) => m.headers[MESSAGE_HEADERS.eventId]),
      );
      messages = messages.map((m) => ({ ...m, trace: traces.get(m.headers[MESSAGE_HEADERS.eventId]) }));
    }
    if (messages.length > 0) await options.bus.publish(messages);
    return messages.length;
  };
}

/**
 * Publishes what an operator released: each released stream's unpublished quarantine rows in order, each re-enveloped
 * (upcast and validated again). Up to the first that still fails: those are published and marked; the failing one
 * stays quarantined with its new error and the rest stay held. Returns the number of events published.
 */
export function releaseQuarantined(
  options: PublishBatchOptions & {
    store: EventStore;
    quarantine: OutboxQuarantine;
    onPublished?: (count: number) => void;
  },
) {
  const byType = new Map(options.published.map((p) => [p.eventType, p]));
  return async (db: DataSource | EntityManager): Promise<number> => {
    if (!(await options.quarantine.available(db))) return 0;
    let total = 0;
    for (const streamId of await options.quarantine.releasedStreams(db)) {
      const pending = await options.quarantine.pending(db, streamId);
      const messages: OutgoingMessage[] = [];
      const published: string[] = [];
      let failed: { eventId: string; error: string } | undefined;
      for (const { row, event } of pending) {
        const contract = byType.get(row.eventType);
        if (!event || !contract) {
          // Its type is no longer published (it stays internal): nothing to send, nothing to hold the stream for.
          published.push(row.eventId);
          continue;
        }
        try {
          messages.push(
            envelopeMessage(
              options.topic,
              toIntegrationEnvelope(options.store.upcast(event), contract, options.publicActor),
            ),
          );
          published.push(row.eventId);
        } catch (error) {
          failed = { eventId: row.eventId, error: problemOf(error) };
          break;
        }
      }
      if (messages.length > 0) await options.bus.publish(messages);
      await options.quarantine.settle(
        db,
        streamId,
        pending.map((p) => p.row.eventId),
        published,
        failed,
      );
      total += messages.length;
      options.onPublished?.(messages.length);
      if (failed) {
        options.logger?.warn(
          `outbox: release of stream ${streamId}: published ${messages.length} event(s); event ${failed.eventId} still fails, ` +
            `stays quarantined and ${pending.length - published.length - 1} later event(s) stay held: ${failed.error}`,
          'Outbox',
        );
      } else {
        options.logger?.log(
          `outbox: released stream ${streamId}: published its ${messages.length} quarantined and held event(s) in order`,
          'Outbox',
        );
      }
    }
    return total;
  };
}

/**
 * The transactional outbox, read straight from the events table in commit-safe order: a batch is published
 * (acks from all in-sync replicas) before its checkpoint commits, so a crash in between publishes it again —
 * at least once, never skipped, in stream order. One relay per service leads; the others stand by. An event that
 * fails its contract is quarantined (its stream's later events held) instead of stopping the relay; the leader
 * publishes released streams before its batches, at most every releaseCheckMs, also when no new events arrive.
 */
export function createOutboxRelay(options: OutboxRelayOptions): CheckpointedReader {
  const quarantine = options.quarantine === false ? undefined : new OutboxQuarantine(options.store.schema);
  const publish = publishBatch({ ...options, quarantine, traceSchema: options.store.schema });
  if (quarantine) {
    // Once per relay, so a service whose schema lacks the table (messagingMigrations not run) says why an invalid event stops it.
    void quarantine.available(options.store.dataSource).then(
      (present) => {
        if (!present)
          options.logger?.warn(
            `outbox: schema ${options.store.schema} has no outbox_quarantine table: an event failing its contract stops the relay`,
            'Outbox',
          );
      },
      () => undefined,
    );
  }
  const release = quarantine && releaseQuarantined({ ...options, quarantine });
  let lastReleaseCheck = Number.NEGATIVE_INFINITY;
  return new CheckpointedReader({
    store: options.store,
    name: OUTBOX_RELAY_NAME,
    batchSize: options.batchSize ?? 500,
    idleMs: options.idleMs ?? 250,
    logger: options.logger,
    // The checkpoint moves only after the broker acknowledged; quarantine rows are written (autocommit) before that.
    handlerOutsideDatabase: true,
    beforeBatch:
      release &&
      (async (manager) => {
        if (Date.now() - lastReleaseCheck < (options.releaseCheckMs ?? 1000)) return;
        lastReleaseCheck = Date.now();
        await release(manager);
      }),
    handle: async (manager, events) => {
      const count = await publish(events, manager);
      options.onPublished?.(count);
      // Published (or kept internal, or set aside): their trace contexts have served.
      if (tracingActive())
        await forgetTraceContexts(
          manager,
          options.store.schema,
          events.map((e) => e.eventId),
        );
    },
  });
}
