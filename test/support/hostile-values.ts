import fc from 'fast-check';

/** A value for one field, with the class it was drawn from (the fuzz test counts answers per class). */
export interface Hostile {
  kind: string;
  value: unknown;
  /** Sent in a path or query as it is, not percent-encoded: a malformed escape the server must decode itself. */
  undecoded?: boolean;
}

const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};
const of = (kind: string, arbitrary: fc.Arbitrary<unknown>, undecoded = false) =>
  arbitrary.map((value): Hostile => ({ kind, value, ...(undecoded && { undecoded }) }));

/** What a hostile client puts in a field: each class is a way handlers and databases have been broken. */
export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  of(
    'nul',
    fc.string({ maxLength: 6 }).map((s) => `${s}\u0000${s}`),
  ),
  of('lone-surrogate', fc.constantFrom('\ud800', 'x\udfff', '\udc00\ud800', 'a\ud83d')),
  of(
    'huge-number',
    fc.oneof(
      fc.constantFrom(2 ** 31, 2 ** 53, 2 ** 63, 1e21, 1e308, Number.MAX_VALUE),
      fc.bigInt({ min: 2n ** 63n, max: 2n ** 200n }).map((n) => n.toString()),
      fc.constantFrom('99999999999999999999', '1e400', '9223372036854775808'),
    ),
  ),
  of('negative', fc.oneof(fc.integer({ max: -1 }), fc.constantFrom(-0, '-1', -(2 ** 53), '-9223372036854775809'))),
  of(
    'float',
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  ),
  of(
    'nan-ish',
    fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '1_000',
      ' 1 ',
      '1,5',
      '١٢٣',
      '1e2',
      '+1',
      '0b1',
      '.5',
      '1.',
    ),
  ),
  of(
    'deep',
    fc.tuple(fc.integer({ min: 33, max: 2_000 }), fc.boolean()).map(([depth, asObject]) => nested(depth, 1, asObject)),
  ),
  of('wrong-type', fc.constantFrom(true, false, null, [], {}, ['a', 'b'], { a: 1 }, 0, 1, [[]], [null])),
  of(
    'long-string',
    fc.tuple(fc.integer({ min: 257, max: 20_000 }), fc.constantFrom('a', '9', 'я', '🚧')).map(([n, c]) => c.repeat(n)),
  ),
  of(
    'date',
    fc.constantFrom(
      '2020-W01-1',
      '2020-W53',
      '2020-061',
      '2020-02-30',
      '2021-02-29T00:00:00Z',
      '2020-02-30T00:00:00Z',
      '2020-01-01T00:00:00',
      '2020-01-01T24:00:00Z',
      '0000-01-01',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00Z',
      '1970-01-01T00:00:00Z',
      '2020-13-01',
      '20200101',
    ),
  ),
  of(
    'unicode',
    fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1 })),
  ),
  of('empty', fc.constantFrom('', ' ', '\t', '\n', '\u200b', '\ufeff')),
  of(
    'injection',
    fc.constantFrom(
      "' OR '1'='1",
      '../../etc/passwd',
      '%',
      '%%',
      '<script>',
      '${x}',
      '__proto__',
      'constructor',
      '\\',
      '*',
    ),
  ),
  of('bad-escape', fc.constantFrom('%', '%E0%A4%A', '%ff', '%00', '%uD800', '%C0%80', '%ED%A0%80'), true),
  of(
    'id-shaped',
    fc.oneof(
      fc.uuid(),
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        '{00000000-0000-4000-8000-000000000000}',
        '000000000000',
        '1234567890123',
        '12345678901',
      ),
    ),
  ),
);

/** Whole bodies no field-by-field mutation makes: malformed or oversized JSON, other media types. */
export const rawBodies: { name: string; body: string; contentType?: string; headers?: Record<string, string> }[] = [
  { name: 'truncated-json', body: '{"a":' },
  { name: 'not-json', body: 'hello' },
  { name: 'json-null', body: 'null' },
  { name: 'json-array', body: '[1,2]' },
  { name: 'json-string', body: '"text"' },
  { name: 'json-number', body: '1e999' },
  { name: 'duplicate-keys', body: '{"a":1,"a":2}' },
  { name: 'proto-key', body: '{"__proto__":{"polluted":true}}' },
  { name: 'deep-json', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { name: 'oversized', body: `{"a":"${'x'.repeat(2_000_000)}"}` },
  { name: 'text-plain', body: 'a=1', contentType: 'text/plain' },
  { name: 'form', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
  { name: 'bad-charset', body: '{}', contentType: 'application/json; charset=koi8-r' },
  { name: 'not-gzip', body: '{}', headers: { 'content-encoding': 'gzip' } },
  { name: 'unknown-encoding', body: '{}', headers: { 'content-encoding': 'x-fuzz' } },
  { name: 'empty', body: '' },
];

/** For a request header (If-Match): only what a header can carry, but every way an entity tag can be wrong. */
export const hostileHeader: fc.Arbitrary<Hostile> = of(
  'header',
  fc.oneof(
    fc.constantFrom('"99999999999"', '"2147483648"', '"-1"', '"0"', '"1.5"', '"1e3"', '"9007199254740993"', 'W/"1"'),
    fc.constantFrom('*', '"abc"', '""', 'abc', '"1", "2"', '"', '" 1 "', '"0x1"'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
  ),
);
