import { type Command, type DomainEvent, decideByType, evolveByType } from './decider';

type Counted = DomainEvent<'Counted', { by: number }>;
type Count = Command<'Count', { by: number }>;
type Reset = Command<'Reset', Record<string, never>>;
const metadata = { now: new Date(0), actor: { id: 'u', role: 'official' }, correlationId: 'c', requestId: 'r' };

describe('decideByType', () => {
  const decide = decideByType<number, Count | Reset, Counted>({
    Count: (command) => [{ type: 'Counted', data: { by: command.data.by } }],
    Reset: (_command, state) => [{ type: 'Counted', data: { by: -state } }],
  });

  it('hands each command to the function of its type, with the state', () => {
    expect(decide({ type: 'Count', data: { by: 2 }, metadata }, 5)).toEqual([{ type: 'Counted', data: { by: 2 } }]);
    expect(decide({ type: 'Reset', data: {}, metadata }, 5)).toEqual([{ type: 'Counted', data: { by: -5 } }]);
  });

  it('refuses a command of a type it has no function for', () => {
    const forged = { type: 'Forge', data: {}, metadata } as unknown as Count;
    expect(() => decide(forged, 0)).toThrow('unknown command "Forge"');
  });
});

describe('evolveByType', () => {
  type Reset = DomainEvent<'Reset', Record<string, never>>;
  const evolve = evolveByType<number, Counted | Reset>({
    Counted: (state, data) => state + data.by,
    Reset: () => 0,
  });

  it("hands each event's data to the function of its type, with the state", () => {
    expect(evolve(5, { type: 'Counted', data: { by: 2 } })).toBe(7);
    expect(evolve(5, { type: 'Reset', data: {} })).toBe(0);
  });

  it('refuses an event of a type it has no function for, naming the event', () => {
    const forged = { type: 'Forged', data: {} } as unknown as Counted;
    expect(() => evolve(0, forged)).toThrow('unknown event {"type":"Forged","data":{}}');
  });
});
