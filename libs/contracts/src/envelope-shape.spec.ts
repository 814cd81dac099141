import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { envelopeProblems } from './envelope-shape';
import { IntegrationEnvelope } from './integration-envelope';

const valid = () => ({
  eventId: '2b708a53-f74a-42de-96ad-a8fb365639f0',
  eventType: 'CaseOpened',
  schemaVersion: 1,
  streamType: 'RoadCase',
  streamId: 'case-1',
  streamVersion: 3,
  occurredAt: '2026-12-01T10:15:49.560Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { id: 'inspector-1', role: 'inspector' },
  hash: 'a'.repeat(64),
  previousHash: '0'.repeat(64),
  payload: { caseId: 'case-1' },
});

/** The decorators' verdict, the reference the hand-written checks must agree with. */
const decoratorsAccept = (raw: unknown) =>
  typeof raw === 'object' &&
  raw !== null &&
  validateSync(plainToInstance(IntegrationEnvelope, raw), { forbidUnknownValues: false }).length === 0;

const EMPTY_LIST: unknown[] = [];
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  2 ** 53,
  true,
  EMPTY_LIST,
  {},
  'A'.repeat(64),
  'g'.repeat(64),
  'a'.repeat(63),
  'x'.repeat(201),
  '2026-02-30T00:00:00Z',
  '2026-12-01',
  '2026-12-01T25:00:00Z',
  '2026-12-01T10:15:49+05:00',
  'not a date',
  { id: 'a' },
  { id: '', role: 'r' },
];

describe('envelopeProblems agrees with the IntegrationEnvelope decorators', () => {
  it('accepts a valid envelope (and one with causationId absent or a string)', () => {
    expect(envelopeProblems(valid())).toEqual([]);
    const { causationId: _omit, ...without } = valid();
    expect(envelopeProblems(without)).toEqual([]);
    expect(envelopeProblems({ ...valid(), causationId: 'evt-1' })).toEqual([]);
  });

  // Where the decorators are too lax, the hand-written checks refuse: an envelope without an actor (a bare
  // @ValidateNested lets undefined and an empty list through, and every handler reads actor.id) and a date without a time.
  const STRICTER: Array<[string, unknown]> = [
    ['actor', undefined],
    ['actor', EMPTY_LIST],
    ['occurredAt', '2026-12-01'],
  ];

  it.each(Object.keys(valid()))(
    'refuses what the decorators refuse in %s, and no more but where they are too lax',
    (field) => {
      for (const value of BAD_VALUES) {
        const raw = { ...valid(), [field]: value };
        const stricter = STRICTER.some(([f, v]) => f === field && v === value);
        expect({ field, value, accepted: envelopeProblems(raw).length === 0 }).toEqual({
          field,
          value,
          accepted: stricter ? false : decoratorsAccept(raw),
        });
        if (stricter) expect(decoratorsAccept(raw)).toBe(true);
      }
    },
  );

  it('refuses what is not an object at all', () => {
    for (const raw of [null, 'x', 1, []]) expect(envelopeProblems(raw)).toEqual(['the envelope is not an object']);
  });
});
