import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order does not change the output', () => {
    const a = { b: 1, a: { z: [1, { y: 2, x: 3 }], c: 'c' }, m: null };
    const b = { m: null, a: { c: 'c', z: [1, { x: 3, y: 2 }] }, b: 1 };

    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"c","z":[1,{"x":3,"y":2}]},"b":1,"m":null}');
  });

  it('writes no whitespace', () => {
    expect(canonicalJson({ a: [1, 2], b: { c: 'd e' } })).toBe('{"a":[1,2],"b":{"c":"d e"}}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('drops properties whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined inside arrays as null', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
  });

  it('writes Dates as ISO strings, also when nested', () => {
    const at = new Date('2020-03-01T12:00:00.000Z');
    expect(canonicalJson(at)).toBe('"2020-03-01T12:00:00.000Z"');
    expect(canonicalJson({ at, list: [at] })).toBe(
      '{"at":"2020-03-01T12:00:00.000Z","list":["2020-03-01T12:00:00.000Z"]}',
    );
  });

  it('encodes primitives as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(-1.5)).toBe('-1.5');
  });

  it('escapes keys', () => {
    expect(canonicalJson({ 'a"b': 1 })).toBe('{"a\\"b":1}');
  });

  it.each([NaN, Infinity, -Infinity])('throws on the non-finite number %p', (value) => {
    expect(() => canonicalJson(value)).toThrow(/non-finite/);
    expect(() => canonicalJson({ nested: [value] })).toThrow(/non-finite/);
  });
});
