import {
  TallyClosedError,
  tallyCommand,
  tallyDecider,
  type TallyCommand,
  type TallyEvent,
} from '../../../../test/support/tally.decider';
import { deciderSpec } from './decider-spec';

const spec = deciderSpec(tallyDecider);

const opened: TallyEvent = { type: 'TallyOpened', data: { tallyId: 't-1', label: 'Potholes' } };
const counted = (by: number): TallyEvent => ({ type: 'TallyCounted', data: { by } });
const closed: TallyEvent = { type: 'TallyClosed', data: { reason: 'done' } };

const open = () =>
  tallyCommand<Extract<TallyCommand, { type: 'OpenTally' }>>('OpenTally', { tallyId: 't-1', label: 'Potholes' });
const count = (by: number) => tallyCommand<Extract<TallyCommand, { type: 'CountTally' }>>('CountTally', { by });

describe('deciderSpec', () => {
  it('then: passes when the decided events are the expected ones', () => {
    spec.given([]).when(open()).then([opened]);
    spec
      .given([opened])
      .when(count(2))
      .then([counted(2)]);
  });

  it('then: fails when the decided events differ', () => {
    expect(() =>
      spec
        .given([opened])
        .when(count(2))
        .then([counted(3)]),
    ).toThrow();
    expect(() => spec.given([opened]).when(count(2)).then([])).toThrow();
    expect(() =>
      spec
        .given([opened])
        .when(count(2))
        .then([counted(2), counted(2)]),
    ).toThrow();
  });

  it('then: fails when the decider throws', () => {
    expect(() =>
      spec
        .given([opened, closed])
        .when(count(1))
        .then([counted(1)]),
    ).toThrow(TallyClosedError);
  });

  it('thenThrows: passes on the expected error class and details', () => {
    spec.given([opened, closed]).when(count(1)).thenThrows(TallyClosedError, { code: 'tally_closed' });
    spec.given([opened, closed]).when(count(1)).thenThrows(TallyClosedError);
  });

  it('thenThrows: fails when nothing is thrown, the class differs, or the details differ', () => {
    expect(() => spec.given([opened]).when(count(1)).thenThrows(TallyClosedError)).toThrow();
    expect(() => spec.given([opened, closed]).when(count(1)).thenThrows(RangeError)).toThrow();
    expect(() =>
      spec.given([opened, closed]).when(count(1)).thenThrows(TallyClosedError, { code: 'tally_exists' }),
    ).toThrow();
  });

  it('thenState: gives the state after history and decided events', () => {
    let total: number | undefined;
    spec
      .given([opened, counted(2), counted(3)])
      .when(count(4))
      .thenState((state) => {
        total = state.total;
        expect(state.status).toBe('open');
        expect(state.label).toBe('Potholes');
      });
    expect(total).toBe(9);
  });

  it('then with a check: checks the events, then the state after them, on the same given and when', () => {
    let total: number | undefined;
    spec
      .given([opened, counted(2)])
      .when(count(4))
      .then([counted(4)], (state) => {
        total = state.total;
      });
    expect(total).toBe(6);
    expect(() =>
      spec
        .given([opened])
        .when(count(2))
        .then([counted(2)], (state) => expect(state.total).toBe(3)),
    ).toThrow();
  });

  it('thenState: propagates a failing check', () => {
    expect(() =>
      spec
        .given([opened])
        .when(count(2))
        .thenState((state) => expect(state.total).toBe(3)),
    ).toThrow();
  });
});
