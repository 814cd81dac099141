import { pick } from './pick';

describe('pick', () => {
  it('copies the named properties only, in a new object', () => {
    const from = { a: 1, b: 'two', c: [3] };
    const picked = pick(from, 'a', 'c');
    expect(picked).toEqual({ a: 1, c: [3] });
    expect(picked).not.toBe(from);
    expect(picked.c).toBe(from.c);
  });

  it('keeps a named property whose value is undefined, as a written-out copy would', () => {
    const from: { a?: number; b: number } = { b: 2 };
    expect(Object.keys(pick(from, 'a', 'b'))).toEqual(['a', 'b']);
  });
});
