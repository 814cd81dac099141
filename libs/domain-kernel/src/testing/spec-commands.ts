import type { Actor, Command } from '../decider';

/** The time and actor a spec's commands carry unless a call names others. */
export interface SpecCommandDefaults {
  now: Date;
  actor: Actor;
}

/** The member of a command union with the given type; the union itself where none is (an untyped builder's `Command`). */
export type CommandOfType<Commands extends Command, T extends Commands['type']> = [
  Extract<Commands, { type: T }>,
] extends [never]
  ? Commands
  : Extract<Commands, { type: T }>;

/**
 * Commands for decider specs, built as the application layer builds them: the time and actor in the metadata, fresh
 * trace ids for each. A spec gives its usual time and actor once; a call that differs names what it overrides
 * (`{ now }`, `{ actor }`), so there is no argument order to remember. Trace ids count per builder.
 *
 * The command's type string picks its member of the union, so a spec names no command type besides its union:
 *
 *   const { command } = specCommands<RaidCommand>({ now: CONDUCTED_AT, actor: MODERATOR });
 *   command('RecordOffence', data, { now: RECORDED_AT, actor: INSPECTOR }); // a RecordOffence, its data checked
 */
export function specCommands<Commands extends Command = Command>(defaults: SpecCommandDefaults) {
  let sequence = 0;
  return {
    command<T extends Commands['type']>(
      type: T,
      data: CommandOfType<Commands, T>['data'],
      overrides: Partial<SpecCommandDefaults> = {},
    ): CommandOfType<Commands, T> {
      sequence++;
      return {
        type,
        data,
        metadata: {
          now: overrides.now ?? defaults.now,
          actor: overrides.actor ?? defaults.actor,
          correlationId: `corr-${sequence}`,
          requestId: `req-${sequence}`,
        },
      } as CommandOfType<Commands, T>;
    },
  };
}
