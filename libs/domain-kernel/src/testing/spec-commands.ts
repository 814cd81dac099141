import type { Actor, Command } from '../decider';

/** The time and actor a spec's commands carry unless a call names others. */
export interface SpecCommandDefaults {
  now: Date;
  actor: Actor;
}

/**
 * Commands for decider specs, built as the application layer builds them: the time and actor in the metadata, fresh
 * trace ids for each. A spec gives its usual time and actor once; a call that differs names what it overrides
 * (`{ now }`, `{ actor }`), so there is no argument order to remember. Trace ids count per builder.
 *
 *   const { command } = specCommands<RaidCommand>({ now: CONDUCTED_AT, actor: MODERATOR });
 *   command<RecordOffence>('RecordOffence', data, { now: RECORDED_AT, actor: INSPECTOR });
 */
export function specCommands<Commands extends Command = Command>(defaults: SpecCommandDefaults) {
  let sequence = 0;
  return {
    command<C extends Commands = Commands>(
      type: C['type'],
      data: C['data'],
      overrides: Partial<SpecCommandDefaults> = {},
    ): C {
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
      } as C;
    },
  };
}
