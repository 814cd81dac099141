import { eventHash, GENESIS_HASH, type HashedFields } from './event-hash';

const base: HashedFields = {
  type: 'TallyCounted',
  streamId: 'tally-1',
  streamVersion: 2,
  schemaVersion: 1,
  payload: { by: 2, note: { a: 1, b: 2 } },
  metadata: { correlationId: 'c', actor: { id: 'alice', role: 'inspector' } },
  occurredAt: new Date('2020-03-01T12:00:00.000Z'),
};

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('eventHash', () => {
  it('is 64 lowercase hex characters', () => {
    expect(eventHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(eventHash(GENESIS_HASH, base)).toBe(eventHash(GENESIS_HASH, { ...base, occurredAt: new Date(base.occurredAt.getTime()) }));
  });

  it('does not depend on the key order of payload or metadata', () => {
    const reordered: HashedFields = {
      ...base,
      payload: { note: { b: 2, a: 1 }, by: 2 },
      metadata: { actor: { role: 'inspector', id: 'alice' }, correlationId: 'c' },
    };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, base));
  });

  const changes: Array<[string, Partial<HashedFields>]> = [
    ['type', { type: 'TallyClosed' }],
    ['streamId', { streamId: 'tally-2' }],
    ['streamVersion', { streamVersion: 3 }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['payload', { payload: { by: 3, note: { a: 1, b: 2 } } }],
    ['nested payload', { payload: { by: 2, note: { a: 1, b: 3 } } }],
    ['metadata', { metadata: { correlationId: 'd', actor: { id: 'alice', role: 'inspector' } } }],
    ['occurredAt', { occurredAt: new Date('2020-03-01T12:00:00.001Z') }],
  ];

  it.each(changes)('changes when %s changes', (_field, change) => {
    expect(eventHash(GENESIS_HASH, { ...base, ...change })).not.toBe(eventHash(GENESIS_HASH, base));
  });

  it('changes when previousHash changes', () => {
    const previous = eventHash(GENESIS_HASH, base);
    expect(eventHash(previous, base)).not.toBe(eventHash(GENESIS_HASH, base));
    expect(eventHash('f'.repeat(64), base)).not.toBe(eventHash('e'.repeat(64), base));
  });
});
