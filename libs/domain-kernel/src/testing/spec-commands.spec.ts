import type { TallyCommand } from '../../../../test/support/tally.decider';
import { specCommands } from './spec-commands';

type CountTally = Extract<TallyCommand, { type: 'CountTally' }>;

const NOW = new Date('2026-03-02T06:00:00.000Z');
const LATER = new Date('2026-03-03T07:30:00.000Z');
const OFFICIAL = { id: 'official-1', role: 'official' };
const INSPECTOR = { id: 'inspector-1', role: 'inspector' };

describe('specCommands', () => {
  it('builds a command with the type, the data and the defaults as its metadata', () => {
    const { command } = specCommands<TallyCommand>({ now: NOW, actor: OFFICIAL });
    // The type string alone picks the union's member: this would not compile were the result any TallyCommand.
    const counted: CountTally = command('CountTally', { by: 2 });
    expect(counted).toEqual({
      type: 'CountTally',
      data: { by: 2 },
      metadata: { now: NOW, actor: OFFICIAL, correlationId: 'corr-1', requestId: 'req-1' },
    });
  });

  it('overrides the time, the actor or both by name, leaving the rest at the defaults', () => {
    const { command } = specCommands<TallyCommand>({ now: NOW, actor: OFFICIAL });
    expect(command('CountTally', { by: 1 }, { now: LATER }).metadata).toMatchObject({ now: LATER, actor: OFFICIAL });
    expect(command('CountTally', { by: 1 }, { actor: INSPECTOR }).metadata).toMatchObject({
      now: NOW,
      actor: INSPECTOR,
    });
    expect(command('CountTally', { by: 1 }, { now: LATER, actor: INSPECTOR }).metadata).toMatchObject({
      now: LATER,
      actor: INSPECTOR,
    });
    expect(command('CountTally', { by: 1 }).metadata).toMatchObject({ now: NOW, actor: OFFICIAL });
  });

  it('gives each command fresh trace ids, counted per builder', () => {
    const first = specCommands({ now: NOW, actor: OFFICIAL });
    const second = specCommands({ now: NOW, actor: OFFICIAL });
    const ids = [first.command('A', {}), first.command('B', {}), second.command('A', {})].map((c) => [
      c.metadata.correlationId,
      c.metadata.requestId,
    ]);
    expect(ids).toEqual([
      ['corr-1', 'req-1'],
      ['corr-2', 'req-2'],
      ['corr-1', 'req-1'],
    ]);
  });
});
