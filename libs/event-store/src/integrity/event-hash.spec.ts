import { createHash } from 'node:crypto';
import {
  CURRENT_HASH_SCHEME,
  eventHash,
  GENESIS_HASH,
  isHashScheme,
  type HashedFields,
  type HashedFieldsV2,
} from './event-hash';

const base: HashedFields = {
  type: 'TallyCounted',
  streamId: 'tally-1',
  streamVersion: 2,
  schemaVersion: 1,
  payload: { by: 2, note: { a: 1, b: 2 } },
  metadata: { correlationId: 'c', actor: { id: 'alice', role: 'inspector' } },
  occurredAt: new Date('2020-03-01T12:00:00.000Z'),
};

const baseV2: HashedFieldsV2 = {
  ...base,
  eventId: '6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a5b',
  streamType: 'Tally',
  recordedAt: new Date('2020-03-01T12:00:01.234Z'),
};

const PREVIOUS = 'ab'.repeat(32);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('GENESIS_HASH', () => {
  it('is 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('hash schemes', () => {
  it('writes new events with scheme 2 and knows schemes 1 and 2 only', () => {
    expect(CURRENT_HASH_SCHEME).toBe(2);
    expect([0, 1, 2, 3, '1', null].map(isHashScheme)).toEqual([false, true, true, false, false, false]);
    expect(() => eventHash(3 as never, GENESIS_HASH, baseV2)).toThrow(/unknown hash scheme 3/);
  });
});

/**
 * Each scheme's fixed vectors and canonical JSON. The vectors were computed with the code of the scheme as it stood
 * when it was introduced (scheme 1's before schemes existed): rows written under a scheme must keep verifying, so
 * never update them.
 */
const FIXED = [
  {
    scheme: 1,
    hashAfter: (previous: string) => eventHash(1, previous, base),
    covers: 'exactly its seven fields',
    afterGenesis: 'ea2ab3399bde4ad0378b37d7077a4949a2365801d30634c5b7b0e7f8d25dd2bd',
    afterPrevious: 'be450b8cf31b691721e050142682504b703208d443a6c42021fadb65487e7893',
    canonical:
      '{"metadata":{"actor":{"id":"alice","role":"inspector"},"correlationId":"c"},"occurredAt":"2020-03-01T12:00:00.000Z",' +
      '"payload":{"by":2,"note":{"a":1,"b":2}},"schemaVersion":1,"streamId":"tally-1","streamVersion":2,"type":"TallyCounted"}',
  },
  {
    scheme: 2,
    hashAfter: (previous: string) => eventHash(2, previous, baseV2),
    covers: 'scheme 2 and its eleven fields',
    afterGenesis: '7276d8c526f894058d2a73e52cd61e1421b222db5b2b80c34c8e74bc423a5729',
    afterPrevious: '87319313d2dc2e0997a571eece4d14db32bc1d5f500d7119e3ff8f9cdf713238',
    canonical:
      '{"eventId":"6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a5b","metadata":{"actor":{"id":"alice","role":"inspector"},"correlationId":"c"},' +
      '"occurredAt":"2020-03-01T12:00:00.000Z","payload":{"by":2,"note":{"a":1,"b":2}},"recordedAt":"2020-03-01T12:00:01.234Z",' +
      '"schemaVersion":1,"scheme":2,"streamId":"tally-1","streamType":"Tally","streamVersion":2,"type":"TallyCounted"}',
  },
] as const;

describe.each(FIXED)(
  'eventHash scheme $scheme: fixed vectors',
  ({ hashAfter, covers, afterGenesis, afterPrevious, canonical }) => {
    it('matches its fixed vectors byte for byte', () => {
      expect(hashAfter(GENESIS_HASH)).toBe(afterGenesis);
      expect(hashAfter(PREVIOUS)).toBe(afterPrevious);
    });

    it(`is SHA-256 of previousHash, a newline and the canonical JSON of ${covers}`, () => {
      expect(hashAfter(PREVIOUS)).toBe(sha256(`${PREVIOUS}\n${canonical}`));
    });
  },
);

describe('eventHash scheme 1 (frozen: rows written under it must keep verifying)', () => {
  it('ignores the fields only scheme 2 covers (its known gap)', () => {
    expect(eventHash(1, GENESIS_HASH, baseV2)).toBe(eventHash(1, GENESIS_HASH, base));
    expect(
      eventHash(1, GENESIS_HASH, { ...baseV2, eventId: 'other', streamType: 'Other', recordedAt: new Date(0) }),
    ).toBe(eventHash(1, GENESIS_HASH, base));
  });

  it('is 64 lowercase hex characters', () => {
    expect(eventHash(1, GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(eventHash(1, GENESIS_HASH, base)).toBe(
      eventHash(1, GENESIS_HASH, { ...base, occurredAt: new Date(base.occurredAt.getTime()) }),
    );
  });

  it('does not depend on the key order of payload or metadata', () => {
    const reordered: HashedFields = {
      ...base,
      payload: { note: { b: 2, a: 1 }, by: 2 },
      metadata: { actor: { role: 'inspector', id: 'alice' }, correlationId: 'c' },
    };
    expect(eventHash(1, GENESIS_HASH, reordered)).toBe(eventHash(1, GENESIS_HASH, base));
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
    expect(eventHash(1, GENESIS_HASH, { ...base, ...change })).not.toBe(eventHash(1, GENESIS_HASH, base));
  });

  it('changes when previousHash changes', () => {
    const previous = eventHash(1, GENESIS_HASH, base);
    expect(eventHash(1, previous, base)).not.toBe(eventHash(1, GENESIS_HASH, base));
    expect(eventHash(1, 'f'.repeat(64), base)).not.toBe(eventHash(1, 'e'.repeat(64), base));
  });
});

describe('eventHash scheme 2', () => {
  it('differs from scheme 1 over the same fields', () => {
    expect(eventHash(2, GENESIS_HASH, baseV2)).not.toBe(eventHash(1, GENESIS_HASH, baseV2));
  });

  it('refuses fields without what scheme 2 covers', () => {
    expect(() => eventHash(2, GENESIS_HASH, base as HashedFieldsV2)).toThrow(/scheme 2 needs eventId/);
    expect(() => eventHash(2, GENESIS_HASH, { ...baseV2, recordedAt: undefined as never })).toThrow(
      /scheme 2 needs recordedAt/,
    );
  });

  const changes: Array<[string, Partial<HashedFieldsV2>]> = [
    ['eventId', { eventId: '6f1c2a4e-3b5d-4e7f-8a9b-0c1d2e3f4a5c' }],
    ['streamType', { streamType: 'Tallies' }],
    ['recordedAt', { recordedAt: new Date('2020-03-02T12:00:01.234Z') }],
    ['recordedAt by a millisecond', { recordedAt: new Date('2020-03-01T12:00:01.235Z') }],
    ['type', { type: 'TallyClosed' }],
    ['streamId', { streamId: 'tally-2' }],
    ['streamVersion', { streamVersion: 3 }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['payload', { payload: { by: 2, note: { a: 1, b: 3 } } }],
    ['metadata', { metadata: { correlationId: 'd', actor: { id: 'alice', role: 'inspector' } } }],
    ['occurredAt', { occurredAt: new Date('2020-03-01T12:00:00.001Z') }],
  ];

  it.each(changes)('changes when %s changes', (_field, change) => {
    expect(eventHash(2, GENESIS_HASH, { ...baseV2, ...change })).not.toBe(eventHash(2, GENESIS_HASH, baseV2));
  });
});
