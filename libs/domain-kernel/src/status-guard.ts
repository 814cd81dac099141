/** The error a state machine refuses a step with: it names the command type and the status the step was tried in. */
export type IllegalTransition<Status extends string> = new (command: string, status: Status) => Error;

/**
 * A state machine's one guard, made from its illegal-transition error: `requireStatus(command, state, ...allowed)`
 * refuses the command unless the state is in one of the allowed statuses.
 */
export function statusGuard<Status extends string>(Illegal: IllegalTransition<Status>) {
  return (command: { type: string }, state: { status: Status }, ...allowed: Status[]): void => {
    if (!allowed.includes(state.status)) throw new Illegal(command.type, state.status);
  };
}
