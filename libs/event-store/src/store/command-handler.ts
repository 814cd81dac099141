import type { EntityManager } from 'typeorm';
import { requestContext } from '@app/platform';
import { fold, NotFoundError, type Command, type Decider, type DomainEvent } from '@app/domain-kernel';
import { EventStore, StreamVersionTaken, type StreamSlice } from './event-store';
import type { RecordedEvent } from './recorded-event';
import { VersionConflictError } from './version-conflict.error';

export interface HandleCommandRequest<S, C extends Command, E extends DomainEvent> {
  decider: Decider<S, C, E>;
  streamType: string;
  streamId: string;
  command: C;
  /** From If-Match: refuse with 409 unless the stream is still at this version. */
  expectedVersion?: number;
  /** For commands whose decision may simply be taken again on fresh state (no If-Match given). */
  retryOnConflict?: number;
  /** Joins the caller's transaction (a consumer's inbox transaction) instead of opening one; no retries. */
  manager?: EntityManager;
  /**
   * The resource's name when the stream must exist already (every command but the one that creates it): a command on
   * a stream with no events, or with events of another stream type (an id of another aggregate), is a 404 naming it.
   */
  notFound?: string;
  /**
   * For aggregates that are one thread (a report, a case, a fine): a command on an existing stream whose caller named
   * no correlation id carries the stream's own (its first event's), so an official's later step stays on the
   * citizen's thread. Long-lived aggregates that gather many threads (a budget programme) leave this off, or pass a
   * function that finds the thread a command belongs to in the stream's history (undefined: the request's own).
   */
  continueStreamThread?: boolean | ((history: RecordedEvent[]) => string | undefined);
  /**
   * Writes that commit with the events or not at all (personal data kept out of the log, for one): run in the
   * append's transaction after it, again on each retry, with what was appended (nothing when the command was a no-op).
   */
  alongside?: (manager: EntityManager, appended: RecordedEvent[]) => Promise<void>;
}

/**
 * How much history a handler keeps for the next commands: the most recent 1,000 streams, 100,000 events in all (tens
 * of megabytes at most); a longer stream is read each time.
 */
const KNOWN_STREAMS = 1_000;
const KNOWN_EVENTS = 100_000;

/** A known history as the slice a command decides on. */
function sliceOf(streamId: string, events: RecordedEvent[]): StreamSlice {
  const last = events[events.length - 1];
  return { streamId, version: last.streamVersion, lastHash: last.hash, events };
}

export interface CommandResult<S> {
  streamId: string;
  version: number;
  state: S;
  events: RecordedEvent[];
}

/**
 * Load, decide, append — in one transaction together with the inline projections, so the main read model
 * never disagrees with the events. The stream is read before the first write (see EventStore.append).
 */
export class CommandHandler {
  /** Per stream, the command of this process in flight on it: the next waits its turn instead of colliding. */
  private readonly streamTurns = new Map<string, Promise<unknown>>();
  /**
   * Streams' histories as this process's last commands on them left them (the most recent KNOWN_STREAMS): the next
   * command decides on it without reading, and its append's tail check (the stream's last version and hash must be
   * those it knew) proves it was still the whole history. When another process appended meanwhile, or the decision on
   * it was an error or a no-op (which no append checks), the stream is read and the command decided again.
   */
  private readonly knownHistories = new Map<string, RecordedEvent[]>();
  private knownEvents = 0;

  constructor(private readonly store: EventStore) {}

  async handle<S, C extends Command, E extends DomainEvent>(
    request: HandleCommandRequest<S, C, E>,
  ): Promise<CommandResult<S>> {
    if (request.manager) {
      try {
        return await this.decideAndAppend(request.manager, request);
      } catch (error) {
        // The caller's transaction is aborted; its retry (redelivery) decides again on fresh state.
        if (error instanceof StreamVersionTaken)
          throw new VersionConflictError(request.streamId, error.expectedVersion, error.expectedVersion + 1);
        throw error;
      }
    }
    return this.inTurn(request.streamId, () => this.handleWithRetries(request));
  }

  /**
   * Serialises this process's commands on one stream: a hot stream's writers queue (each decides on the state the
   * one before left) rather than all reading the same version, colliding and retrying. Another process's writer can
   * still take a version first; that is the retry below.
   */
  private inTurn<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const before = this.streamTurns.get(streamId) ?? Promise.resolve();
    const turn = before.then(work, work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.streamTurns.set(streamId, settled);
    void settled.then(() => {
      if (this.streamTurns.get(streamId) === settled) this.streamTurns.delete(streamId);
    });
    return turn;
  }

  private async handleWithRetries<S, C extends Command, E extends DomainEvent>(
    request: HandleCommandRequest<S, C, E>,
  ): Promise<CommandResult<S>> {
    const attempts = 1 + (request.expectedVersion === undefined ? (request.retryOnConflict ?? 0) : 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request);
      } catch (error) {
        // Another writer took the version: what this process knew of the stream is read afresh.
        this.forget(request.streamId);
        if (!(error instanceof StreamVersionTaken)) throw error;
        if (attempt >= attempts) {
          throw new VersionConflictError(
            request.streamId,
            error.expectedVersion,
            await this.store.currentVersion(request.streamId),
          );
        }
        // Jittered backoff, so writers of one hot stream in several processes stop colliding in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(5 * 2 ** attempt, 200)));
      }
    }
  }

  /**
   * One try. Where nothing must commit beside the events (no alongside writes) and the store's inline projections
   * are all statements, the command is decided on the history this process knows (else on the stream read) and its
   * events appended in one statement: one or two round trips, no transaction held while deciding. Otherwise the
   * transaction opens with the read and holds the rest.
   */
  private async attempt<S, C extends Command, E extends DomainEvent>(
    request: HandleCommandRequest<S, C, E>,
  ): Promise<CommandResult<S>> {
    if (request.alongside || !this.store.appendsInOneStatement)
      return this.store.inStreamTransaction(request.streamId, (manager, stream) =>
        this.decideAndAppend(manager, request, stream),
      );
    const known = this.knownHistories.get(request.streamId);
    if (known) {
      try {
        const result = await this.decideAndAppend(undefined, request, sliceOf(request.streamId, known));
        // An append proved the history current; a no-op appended nothing, so nothing proved it.
        if (result.events.length > 0) return this.remember(request.streamId, [...known, ...result.events], result);
      } catch {
        // Another process appended (the tail check refused it), or the error came from what may be an old history.
      }
      this.forget(request.streamId);
    }
    const stream = await this.store.readStream(request.streamId);
    const result = await this.decideAndAppend(undefined, request, stream);
    return this.remember(request.streamId, [...stream.events, ...result.events], result);
  }

  /** Keeps the stream's history for its next command, within KNOWN_STREAMS streams and KNOWN_EVENTS events in all. */
  private remember<T>(streamId: string, history: RecordedEvent[], result: T): T {
    this.forget(streamId);
    if (history.length === 0 || history.length > KNOWN_EVENTS) return result;
    this.knownHistories.set(streamId, history);
    this.knownEvents += history.length;
    while (this.knownHistories.size > KNOWN_STREAMS || this.knownEvents > KNOWN_EVENTS)
      this.forget(this.knownHistories.keys().next().value as string);
    return result;
  }

  private forget(streamId: string): void {
    this.knownEvents -= this.knownHistories.get(streamId)?.length ?? 0;
    this.knownHistories.delete(streamId);
  }

  private async decideAndAppend<S, C extends Command, E extends DomainEvent>(
    /** The transaction to append in; none: the append is one statement of its own (EventStore.appendKnownTail). */
    manager: EntityManager | undefined,
    request: HandleCommandRequest<S, C, E>,
    /** Already read as the transaction opened (inStreamTransaction); read here when joining a caller's transaction. */
    read?: StreamSlice,
  ): Promise<CommandResult<S>> {
    const stream = read ?? (await this.store.readStream(request.streamId, { manager }));
    // Checked on the read the command decides on (no separate existence query), and before If-Match: 404, not 409.
    if (
      request.notFound !== undefined &&
      (stream.version === 0 || stream.events[0].streamType !== request.streamType)
    ) {
      throw new NotFoundError(request.notFound, request.streamId);
    }
    if (request.expectedVersion !== undefined && request.expectedVersion !== stream.version) {
      throw new VersionConflictError(request.streamId, request.expectedVersion, stream.version);
    }
    const command = this.onThread(request, stream.events);
    const state = fold(request.decider, stream.events as unknown as E[]);
    const decided = request.decider.decide(command, state);
    const append = {
      streamType: request.streamType,
      streamId: request.streamId,
      expectedVersion: stream.version,
      previousHash: stream.lastHash,
      events: decided,
      metadata: command.metadata,
    };
    const recorded = manager ? await this.store.append(manager, append) : await this.store.appendKnownTail(append);
    if (manager) await request.alongside?.(manager, recorded);
    return {
      streamId: request.streamId,
      version: stream.version + recorded.length,
      state: decided.reduce((s, e) => request.decider.evolve(s, e), state),
      events: recorded,
    };
  }

  private onThread<C extends Command>(
    request: Pick<HandleCommandRequest<unknown, C, never>, 'command' | 'continueStreamThread'>,
    history: RecordedEvent[],
  ): C {
    const follow = request.continueStreamThread;
    if (!follow || history.length === 0 || requestContext.current()?.correlationGiven) return request.command;
    const thread = typeof follow === 'function' ? follow(history) : history[0].metadata.correlationId;
    if (!thread) return request.command;
    return { ...request.command, metadata: { ...request.command.metadata, correlationId: thread } };
  }
}
