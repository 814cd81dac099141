/** previous_hash of a stream's first event (the event store's genesis). */
const GENESIS = '0'.repeat(64);

/** What a consumer last applied of one upstream stream. */
export interface ChainState {
  version: number;
  hash: string;
}

export interface ChainLink {
  streamVersion: number;
  hash: string;
  previousHash: string;
}

/**
 * Where a message stands against the chain this consumer has seen of its stream:
 * - `next`: it continues the chain (the first event of a new stream, or version last+1 whose previousHash is the last hash);
 * - `stale`: an older version, or the last one again with the same hash (a redelivery or a replay): ignored;
 * - `ahead`: its predecessor has not been applied yet: parked until it is;
 * - `fork`: it claims a place in the chain that another event holds (same version, other hash; or a previousHash
 *   that is not the hash last applied): the stream was rewritten or the message forged.
 */
export type ChainStanding = 'next' | 'stale' | 'ahead' | 'fork';

export function chainStanding(state: ChainState | undefined, link: ChainLink): ChainStanding {
  const last = state?.version ?? 0;
  if (link.streamVersion < last) return 'stale';
  if (link.streamVersion === last) return link.hash === state?.hash ? 'stale' : 'fork';
  if (link.streamVersion > last + 1) return 'ahead';
  const expected = state?.hash ?? GENESIS;
  return link.previousHash === expected ? 'next' : 'fork';
}
