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
 * A decider's `decide` as a table of its command functions, in place of a switch every decider restated:
 * `decide: decideByType({ OpenCase: open, AssignContractor: assign, … })`.
 */
export function decideByType<State, C extends Command, E extends DomainEvent>(
  decisions: CommandDecisions<State, C, E>,
): (command: C, state: State) => E[] {
  return (command, state) => {
    const decision = (decisions as unknown as Record<string, ((command: C, state: State) => E[]) | undefined>)[
      command.type
    ];
    // Only a caller that bypassed the types (a forged or stale command) gets here.
    if (!decision) throw new Error(`unknown command ${JSON.stringify(command.type)}`);
    return decision(command, state);
  };
}
