/** A domain event as deciders see it: a past-tense type and its data. Plain objects, not classes. */
export interface DomainEvent<Type extends string = string, Data extends object = Record<string, unknown>> {
  type: Type;
  data: Data;
}

export interface Actor {
  id: string;
  role: string;
}

/** Everything impure a decision may need arrives with the command: the time, the actor and the trace ids. */
export interface CommandMetadata {
  now: Date;
  actor: Actor;
  correlationId: string;
  causationId?: string;
  requestId: string;
  /**
   * The upstream a fact came through: the service whose message caused the command (`service:monitoring`), or the
   * registered Open311 client that posted it (`open311:fixmystreet`).
   */
  via?: string;
}

export interface Command<Type extends string = string, Data extends object = Record<string, unknown>> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/** decide/evolve/initialState (Emmett's shape): pure functions, so rules are tested as given/when/then. */
export interface Decider<State, C extends Command, E extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: E): State;
  /** Returns the events the command causes, or throws a DomainError. */
  decide(command: C, state: State): E[];
}

export function fold<State, E extends DomainEvent>(
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  events: E[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}

/** One function per command type: the mapped type makes a missing command a compile error (exhaustive by type). */
export type CommandDecisions<State, C extends Command, E extends DomainEvent> = {
  [T in C['type']]: (command: Extract<C, { type: T }>, state: State) => E[];
};

/**
 * A decider's `decide` as a table of its command functions, in place of a switch every decider restated; each
 * function is keyed by the command type it decides: `decideByType<S, C, E>({ OpenCase(c, s) { … }, … })`.
 */
export function decideByType<State, C extends Command, E extends DomainEvent>(
  decisions: CommandDecisions<State, C, E>,
): (command: C, state: State) => E[] {
  return (command, state) =>
    entryFor<(command: C, state: State) => E[]>(decisions, 'command', command.type, command.type)(command, state);
}

/** One function per event type, given the state and the event's data: a missing event type is a compile error. */
export type EventEvolutions<State, E extends DomainEvent> = {
  [T in E['type']]: (state: State, data: Extract<E, { type: T }>['data']) => State;
};

/**
 * A decider's `evolve` as a table of its event functions, the counterpart of decideByType, in place of the switch
 * with a `never` default every decider restated: `evolveByType<S, E>({ CaseClosed: (s) => ({ ...s, status: 'closed' }) })`.
 */
export function evolveByType<State, E extends DomainEvent>(
  evolutions: EventEvolutions<State, E>,
): (state: State, event: E) => State {
  return (state, event) =>
    entryFor<(state: State, data: E['data']) => State>(evolutions, 'event', event.type, event)(state, event.data);
}

/**
 * A by-type table's entry for a command or event type; only a caller that bypassed the types (a forged or stale
 * message) finds none, and is told which type or event it sent.
 */
function entryFor<F>(table: object, kind: 'command' | 'event', type: string, shown: unknown): F {
  const entry = (table as Record<string, F | undefined>)[type];
  if (!entry) throw new Error(`unknown ${kind} ${JSON.stringify(shown)}`);
  return entry;
}
