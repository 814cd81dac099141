import type { Command, Decider, DomainEvent } from '../decider';
import { deciderSpec } from './decider-spec';
import { specCommands, type SpecCommandDefaults } from './spec-commands';

/** For a spec whose rules do not turn on who acts or when: an official, on a working morning in Almaty. */
export const OFFICIAL_AT_WORK: SpecCommandDefaults = {
  now: new Date('2026-03-02T06:00:00.000Z'),
  actor: { id: 'official-1', role: 'official' },
};

/**
 * What a decider spec starts with, in one call: its given/when/then and its command builder, whose commands carry the
 * defaults unless a call names others. `const { spec, command } = deciderScenario(contractDecider, OFFICIAL_AT_WORK)`.
 */
export function deciderScenario<S, C extends Command, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  defaults: SpecCommandDefaults,
) {
  return { spec: deciderSpec(decider), command: specCommands<C>(defaults).command };
}
