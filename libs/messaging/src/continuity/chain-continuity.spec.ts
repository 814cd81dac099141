import { chainStanding } from './chain-continuity';

const h = (c: string) => c.repeat(64);

describe('chainStanding', () => {
  it('takes the first event of a stream when it starts from the genesis hash', () => {
    expect(chainStanding(undefined, { streamVersion: 1, hash: h('a'), previousHash: h('0') })).toBe('next');
  });

  it('calls a first event that does not start from the genesis hash a fork', () => {
    expect(chainStanding(undefined, { streamVersion: 1, hash: h('a'), previousHash: h('f') })).toBe('fork');
  });

  it('takes the next version when its previousHash is the hash last applied', () => {
    expect(chainStanding({ version: 2, hash: h('b') }, { streamVersion: 3, hash: h('c'), previousHash: h('b') })).toBe(
      'next',
    );
  });

  it('calls the next version a fork when its previousHash is another', () => {
    expect(chainStanding({ version: 2, hash: h('b') }, { streamVersion: 3, hash: h('c'), previousHash: h('e') })).toBe(
      'fork',
    );
  });

  it('ignores the last version again with the same hash, and any older version', () => {
    expect(chainStanding({ version: 2, hash: h('b') }, { streamVersion: 2, hash: h('b'), previousHash: h('a') })).toBe(
      'stale',
    );
    expect(chainStanding({ version: 5, hash: h('e') }, { streamVersion: 3, hash: h('c'), previousHash: h('b') })).toBe(
      'stale',
    );
  });

  it('calls the last version with another hash a fork', () => {
    expect(chainStanding({ version: 2, hash: h('b') }, { streamVersion: 2, hash: h('x'), previousHash: h('a') })).toBe(
      'fork',
    );
  });

  it('parks a version whose predecessor has not been applied, also of a stream never seen', () => {
    expect(chainStanding({ version: 1, hash: h('a') }, { streamVersion: 3, hash: h('c'), previousHash: h('b') })).toBe(
      'ahead',
    );
    expect(chainStanding(undefined, { streamVersion: 2, hash: h('b'), previousHash: h('a') })).toBe('ahead');
  });
});
