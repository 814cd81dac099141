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
   * A stream's history as this process's last command on it left it, kept while more commands queue on the stream
   * (a hot one): the next reads only the events after it instead of the whole stream again.
   */
  private readonly warmHistories = new Map<string, RecordedEvent[]>();

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
      if (this.streamTurns.get(streamId) !== settled) return;
      this.streamTurns.delete(streamId);
      this.warmHistories.delete(streamId);
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
        this.warmHistories.delete(request.streamId);
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
   * are all statements, the stream is read, the command decided and its events appended in one statement: two round
   * trips, no transaction held while deciding. Otherwise the transaction opens with the read and holds the rest.
   */
  private attempt<S, C extends Command, E extends DomainEvent>(
    request: HandleCommandRequest<S, C, E>,
  ): Promise<CommandResult<S>> {
    if (!request.alongside && this.store.appendsInOneStatement)
      return this.readForCommand(request.streamId).then(async (stream) => {
        const result = await this.decideAndAppend(undefined, request, stream);
        this.warmHistories.set(request.streamId, [...stream.events, ...result.events]);
        return result;
      });
    return this.store.inStreamTransaction(request.streamId, (manager, stream) =>
      this.decideAndAppend(manager, request, stream),
    );
  }

  /** The stream to decide on: from what this process last knew of it and the events since, or read whole. */
  private async readForCommand(streamId: string): Promise<StreamSlice> {
    const known = this.warmHistories.get(streamId);
    if (!known?.length) return this.store.readStream(streamId);
    const since = await this.store.readStream(streamId, { afterVersion: known[known.length - 1].streamVersion });
    const events = since.events.length > 0 ? [...known, ...since.events] : known;
    const last = events[events.length - 1];
    return { streamId, version: last.streamVersion, lastHash: last.hash, events };
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
