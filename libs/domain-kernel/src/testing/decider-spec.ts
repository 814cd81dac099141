import { fold, type Command, type Decider, type DomainEvent } from '../decider';
import { thrownBy } from './thrown-by';

/**
 * given(events).when(command).then(events) / .thenThrows(ErrorClass, details?) — decider rules read as tests.
 * Pure: no database, no clock; the command carries time and actor.
 */
export function deciderSpec<S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(history: E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, history));
          const outcome = {
            /** The decided events; with `check`, the state after them too, on the same given and when. */
            then(expected: E[], check?: (state: S) => void) {
              expect(run()).toEqual(expected);
              if (check) outcome.thenState(check);
            },
            thenThrows(errorClass: new (...args: never[]) => Error, details?: Record<string, unknown>) {
              const thrown = thrownBy(run, errorClass);
              if (details) expect(thrown).toMatchObject(details);
            },
            /** The state after the decided events, for rules about derived values. */
            thenState(check: (state: S) => void) {
              const state = fold(decider, [...history, ...run()]);
              check(state);
            },
          };
          return outcome;
        },
      };
    },
  };
}
