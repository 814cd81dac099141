import type { Command, Decider, DomainEvent } from '@app/domain-kernel';
import type { RecordedEvent } from '../store/recorded-event';

/**
 * Which thread (correlation id) a command on an existing stream joins when its caller named none: the one this finds
 * in the stream's history, or, when it finds none (undefined), the request's own. streamThread and requestThread are
 * the two every aggregate but one needs; a function of its own finds the thread a command belongs to.
 */
export type ThreadPolicy<C extends Command> = (history: RecordedEvent[], command: C) => string | undefined;

/**
 * The stream's own thread (its first event's): for an aggregate that is one thread, a report, a raid, a case, a fine,
 * so an official's later step stays on the citizen's thread.
 */
export const streamThread: ThreadPolicy<Command> = (history) => history[0]?.metadata.correlationId;

/** The request's own thread: for a long-lived aggregate that gathers many (an institution, a budget programme). */
export const requestThread: ThreadPolicy<Command> = () => undefined;

/** What an aggregate's declaration says (defineAggregate): what every command on it goes through. */
export interface AggregateDeclaration<S, C extends Command, E extends DomainEvent> {
  /** The resource's name in a 404 ("Case"). */
  readonly name: string;
  /** The stream type its events are stored under. */
  readonly streamType: string;
  readonly decider: Decider<S, C, E>;
  /**
   * The commands that start a stream. Any other on a stream with no events, or with another aggregate's, is a 404
   * naming the resource (checked on the read the command decides on).
   */
  readonly creates: readonly C['type'][];
  readonly thread: ThreadPolicy<C>;
  /**
   * How many times a command without If-Match is decided again on fresh state after a concurrent append took its
   * version (3 unless said); with If-Match it is a 409 at once.
   */
  readonly retryOnConflict?: number;
}

/** One aggregate, declared once (AggregateCommands.execute takes it). */
export interface Aggregate<S, C extends Command, E extends DomainEvent> extends AggregateDeclaration<S, C, E> {
  readonly retryOnConflict: number;
}

/**
 * Declares an aggregate, beside the application code of its decider (`apps/<service>/src/application/<name>.aggregate.ts`).
 * The declaration is all a command needs: `commands.execute(caseAggregate, id, 'AssignContractor', data, actor)`.
 */
export function defineAggregate<S, C extends Command, E extends DomainEvent>(
  declaration: AggregateDeclaration<S, C, E>,
): Aggregate<S, C, E> {
  if (declaration.creates.length === 0)
    throw new Error(`aggregate ${declaration.name}: name the command(s) that create its stream`);
  return Object.freeze({ ...declaration, retryOnConflict: declaration.retryOnConflict ?? 3 });
}
