import type { EntityManager } from 'typeorm';
import { type Principal } from '@app/platform';
import type { Actor, Command, DomainEvent } from '@app/domain-kernel';
import { commandMetadata } from '../http/command-metadata';
import type { CommandHandler, CommandResult } from '../store/command-handler';
import type { RecordedEvent } from '../store/recorded-event';
import type { Aggregate } from './define-aggregate';
import { Clock } from '@app/domain-kernel';

/** The data of the command of that type. */
export type CommandData<C extends Command, T extends C['type']> = Extract<C, { type: T }>['data'];

export interface ExecuteOptions {
  /** From If-Match: 409 unless the stream is still at this version (0: it must not exist yet). */
  expectedVersion?: number;
  /** Joins the caller's transaction (a consumer's inbox transaction, a step over two streams); no retries. */
  manager?: EntityManager;
  /** When the command happens, if not now (the moment a sweep runs as of, the time a payment was made). */
  at?: Date;
  /**
   * Writes that commit with the events or not at all (personal data kept out of the log): run in the append's
   * transaction after it, again on each retry, with what was appended.
   */
  alongside?: (manager: EntityManager, appended: RecordedEvent[]) => Promise<void>;
}

/**
 * Every command on every aggregate: the command with its metadata (actor, thread, time), then load, decide, append
 * by the aggregate's declaration (a 404 unless it creates the stream, retries on a concurrent append, its thread).
 */
export class AggregateCommands {
  constructor(
    private readonly handler: CommandHandler,
    private readonly clock: Clock,
  ) {}

  execute<S, C extends Command, E extends DomainEvent, T extends C['type']>(
    aggregate: Aggregate<S, C, E>,
    streamId: string,
    type: T,
    data: CommandData<C, T>,
    actor: Principal | Actor,
    options: ExecuteOptions = {},
  ): Promise<CommandResult<S>> {
    // The command of that type, with that type's data: what C's member for T is, which TypeScript cannot see.
    const command = { type, data, metadata: commandMetadata(actor, options.at ?? this.clock.now()) } as Command as C;
    return this.handler.handle({
      decider: aggregate.decider,
      streamType: aggregate.streamType,
      streamId,
      command,
      expectedVersion: options.expectedVersion,
      manager: options.manager,
      notFound: aggregate.creates.includes(type) ? undefined : aggregate.name,
      retryOnConflict: aggregate.retryOnConflict,
      continueStreamThread: (history) => aggregate.thread(history, command),
      alongside: options.alongside,
    });
  }
}
