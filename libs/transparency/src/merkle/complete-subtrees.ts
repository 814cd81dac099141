import type { MerkleNodeId } from './merkle-hash-reader';
import { nodeHash } from './merkle-tree.hashing';

/**
 * Every complete subtree of a tree of these leaf hashes, level by level from the leaves up: the rows a
 * (level, index, hash) store holds for it. For loading a whole tree at once (benchmarks, fault tools); a log appends
 * leaf by leaf instead (PostgresMerkleStore.append).
 */
export function completeSubtrees(leafHashes: readonly Buffer[]): (MerkleNodeId & { hash: Buffer })[] {
  const rows: (MerkleNodeId & { hash: Buffer })[] = [];
  let level: readonly Buffer[] = leafHashes;
  for (let l = 0; level.length > 0; l++) {
    level.forEach((hash, index) => rows.push({ level: l, index, hash }));
    const up: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(level[i], level[i + 1]));
    level = up;
  }
  return rows;
}
