import { ConflictError, type Command, type Decider, type DomainEvent } from '@app/domain-kernel';

// A minimal aggregate for testing the event store itself: a tally that can be counted up and closed.
export type TallyEvent =
  | DomainEvent<'TallyOpened', { tallyId: string; label: string }>
  | DomainEvent<'TallyCounted', { by: number }>
  | DomainEvent<'TallyClosed', { reason: string }>;

export type TallyCommand =
  | Command<'OpenTally', { tallyId: string; label: string }>
  | Command<'CountTally', { by: number }>
  | Command<'CloseTally', { reason: string }>;

export interface TallyState {
  status: 'none' | 'open' | 'closed';
  label: string;
  total: number;
}

export class TallyClosedError extends ConflictError {
  constructor() {
    super('tally_closed', 'The tally is closed', { status: 'closed' });
  }
}

export const tallyDecider: Decider<TallyState, TallyCommand, TallyEvent> = {
  initialState: () => ({ status: 'none', label: '', total: 0 }),
  evolve(state, event) {
    switch (event.type) {
      case 'TallyOpened':
        return { ...state, status: 'open', label: event.data.label };
      case 'TallyCounted':
        return { ...state, total: state.total + event.data.by };
      case 'TallyClosed':
        return { ...state, status: 'closed' };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'OpenTally':
        if (state.status !== 'none')
          throw new ConflictError('tally_exists', 'The tally exists already', { status: state.status });
        return [{ type: 'TallyOpened', data: command.data }];
      case 'CountTally':
        if (state.status !== 'open') throw new TallyClosedError();
        return [{ type: 'TallyCounted', data: { by: command.data.by } }];
      case 'CloseTally':
        if (state.status !== 'open') throw new TallyClosedError();
        return [{ type: 'TallyClosed', data: command.data }];
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

let sequence = 0;
export function tallyCommand<C extends TallyCommand>(type: C['type'], data: C['data'], now = new Date()): C {
  sequence++;
  return {
    type,
    data,
    metadata: {
      now,
      actor: { id: 'tester', role: 'operator' },
      correlationId: `corr-${sequence}`,
      requestId: `req-${sequence}`,
    },
  } as C;
}
