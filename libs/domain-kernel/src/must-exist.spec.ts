import { mustExist, NotFoundError } from './domain-errors';

describe('mustExist, the one existence check', () => {
  it('gives back what was found', () => {
    expect(mustExist({ id: 'c-1' }, 'Case', 'c-1')).toEqual({ id: 'c-1' });
    expect(mustExist(3, 'Programme', 'p-1')).toBe(3);
  });

  it.each([null, undefined, 0])('answers %p with a 404 naming the resource and its id', (missing) => {
    expect(() => mustExist(missing, 'Case', 'c-404')).toThrow(new NotFoundError('Case', 'c-404'));
    try {
      mustExist(missing, 'Case', 'c-404');
    } catch (error) {
      expect((error as NotFoundError).httpStatus).toBe(404);
      expect((error as NotFoundError).details).toEqual({ resource: 'Case', id: 'c-404' });
    }
  });
});
