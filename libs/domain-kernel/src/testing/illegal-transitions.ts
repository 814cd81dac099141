import type { Command, Decider, DomainEvent } from '../decider';
import { deciderSpec } from './decider-spec';

/** The state's status, as a spec names the state a history leaves. */
type StatusOf<S> = S extends { status: infer Status } ? Status : string;

/**
 * A state machine's illegal transitions, as tests: `itRejectsAsIllegal(history, status, types)` checks that in the
 * state the history leaves, each command of those types is refused with a 409 `illegal_transition` naming the status
 * and the command (one test each). `everyCommand` makes a valid command of every type, so a spec lists only which
 * types are illegal in which state.
 */
export function illegalTransitions<S, C extends Command, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  everyCommand: Record<C['type'], () => C>,
  errorClass: new (...args: never[]) => Error,
) {
  const spec = deciderSpec(decider);
  return (history: E[], status: StatusOf<S>, illegal: C['type'][]) => {
    it.each(illegal)(`%s is an illegal transition (409, status ${status})`, (type: C['type']) => {
      spec
        .given(history)
        .when(everyCommand[type]())
        .thenThrows(errorClass, { httpStatus: 409, code: 'illegal_transition', details: { status, command: type } });
    });
  };
}
