import { ValidationFailedError } from '@app/domain-kernel';
import { MAX_JSON_DEPTH, RequestTextPipe } from './request-text.pipe';

describe('RequestTextPipe', () => {
  const pipe = new RequestTextPipe();
  const body = { type: 'body' as const };
  const refused = (value: unknown, metadata: { type: 'body' | 'query' | 'param'; data?: string } = body) => {
    try {
      pipe.transform(value, metadata);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      return error as ValidationFailedError;
    }
    throw new Error('not refused');
  };

  it('passes ordinary text, emoji (surrogate pairs) included, and returns the value as it was', () => {
    const value = { description: 'Яма 🚧 at Tole bi 12', tags: ['a', 'b'], n: 3 };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('refuses NUL and lone surrogates anywhere, naming the field', () => {
    expect(refused({ description: 'a\u0000b' }).field).toBe('description');
    expect(refused({ road: { address: 'x\ud800' } }).field).toBe('road.address');
    expect(refused({ photos: ['ok', '\udc00'] }).field).toBe('photos[1]');
    expect(refused('\u0000', { type: 'param', data: 'id' }).field).toBe('id');
    expect(refused({ ['bad\u0000key']: 1 }).message).toMatch(/a field name/);
  });

  it('refuses a value nested deeper than the limit without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(refused({ x: deep }).message).toMatch(new RegExp(`nested deeper than ${MAX_JSON_DEPTH}`));
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) fine = { a: fine };
    expect(() => pipe.transform(fine, body)).not.toThrow();
  });
});
