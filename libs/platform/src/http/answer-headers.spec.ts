import { answerHeaders, carriedHeaders } from './answer-headers';

describe('answerHeaders', () => {
  it('carries the headers set on an answer, unseen in its JSON', () => {
    const answer = { id: 'a', version: 3 };
    answerHeaders(answer).setHeader('ETag', '"3"');
    expect([...carriedHeaders(answer)!.entries()]).toEqual([['ETag', '"3"']]);
    expect(JSON.stringify(answer)).toBe('{"id":"a","version":3}');
    expect(Object.keys(answer)).toEqual(['id', 'version']);
  });

  it('keeps them on a spread of the answer, which adds fields to it', () => {
    const answer = { id: 'a', version: 3 };
    answerHeaders(answer).setHeader('ETag', '"3"');
    const { id: _, ...rest } = { ...answer, more: true };
    expect([...carriedHeaders({ ...answer, more: true })!.entries()]).toEqual([['ETag', '"3"']]);
    expect([...carriedHeaders(rest)!.entries()]).toEqual([['ETag', '"3"']]);
  });

  it('finds none on an answer that carries none, or on what is not an object', () => {
    expect(carriedHeaders({ version: 1 })).toBeUndefined();
    expect(carriedHeaders(null)).toBeUndefined();
    expect(carriedHeaders('text')).toBeUndefined();
    expect(carriedHeaders(undefined)).toBeUndefined();
  });
});
