import { chainStanding } from './chain-continuity';

const h = (c: string) => c.repeat(64);
/** The version last applied of a stream and its hash (its letter repeated), as the consumer keeps it. */
const applied = (version: number, hash: string) => ({ version, hash: h(hash) });
/** An arriving event: its stream version, its hash and the hash it chains from (letters repeated). */
const arriving = (streamVersion: number, hash: string, previousHash: string) => ({
  streamVersion,
  hash: h(hash),
  previousHash: h(previousHash),
});

describe('chainStanding', () => {
  it('takes the first event of a stream when it starts from the genesis hash', () => {
    expect(chainStanding(undefined, arriving(1, 'a', '0'))).toBe('next');
  });

  it('calls a first event that does not start from the genesis hash a fork', () => {
    expect(chainStanding(undefined, arriving(1, 'a', 'f'))).toBe('fork');
  });

  it('takes the next version when its previousHash is the hash last applied', () => {
    expect(chainStanding(applied(2, 'b'), arriving(3, 'c', 'b'))).toBe('next');
  });

  it('calls the next version a fork when its previousHash is another', () => {
    expect(chainStanding(applied(2, 'b'), arriving(3, 'c', 'e'))).toBe('fork');
  });

  it('ignores the last version again with the same hash, and any older version', () => {
    expect(chainStanding(applied(2, 'b'), arriving(2, 'b', 'a'))).toBe('stale');
    expect(chainStanding(applied(5, 'e'), arriving(3, 'c', 'b'))).toBe('stale');
  });

  it('calls the last version with another hash a fork', () => {
    expect(chainStanding(applied(2, 'b'), arriving(2, 'x', 'a'))).toBe('fork');
  });

  it('parks a version whose predecessor has not been applied, also of a stream never seen', () => {
    expect(chainStanding(applied(1, 'a'), arriving(3, 'c', 'b'))).toBe('ahead');
    expect(chainStanding(undefined, arriving(2, 'b', 'a'))).toBe('ahead');
  });
});
