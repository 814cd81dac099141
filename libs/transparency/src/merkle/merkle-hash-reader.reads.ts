import type { MerkleHashReader, MerkleNodeId } from './merkle-hash-reader';
import { isMerkleHash } from './merkle-tree.hashing';
import { combinePerfectSubtrees, isTreeSize, LeafRange, perfectSubtreesOf } from './merkle-tree.ranges';

/** Refuses a size the store cannot answer for: a proof for leaves it does not hold would be made of garbage. */
export async function requireTreeSizeWithin(reader: MerkleHashReader, size: number): Promise<void> {
  if (!isTreeSize(size)) throw new RangeError(`tree size ${String(size)} is not a non-negative safe integer`);
  const count = await reader.leafCount();
  if (size > count) throw new RangeError(`tree size ${size} is beyond the ${count} leaves the store holds`);
}

/**
 * The MTH of each range, in order. All the perfect subtrees the ranges need are asked for at once, so a store
 * with hashesAt answers a whole proof in one round trip.
 */
export async function readRangeHashes(reader: MerkleHashReader, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const pieces = ranges.map(perfectSubtreesOf);
  const hashes = await readNodes(reader, pieces.flat());
  let next = 0;
  return pieces.map((nodes) => combinePerfectSubtrees(hashes.slice(next, (next += nodes.length))));
}

async function readNodes(reader: MerkleHashReader, nodes: readonly MerkleNodeId[]): Promise<Buffer[]> {
  if (nodes.length === 0) return [];
  const hashes = reader.hashesAt
    ? await reader.hashesAt(nodes)
    : await Promise.all(nodes.map((node) => reader.hashAt(node.level, node.index)));
  if (hashes.length !== nodes.length) {
    throw new Error(`the tree store answered ${hashes.length} hashes for ${nodes.length} nodes`);
  }
  // A store that hands back something else would otherwise yield a proof that fails far from its cause.
  return nodes.map((node, i) => {
    const hash = hashes[i];
    if (!isMerkleHash(hash)) throw new Error(`the tree store's hash at (${node.level}, ${node.index}) is not 32 bytes`);
    return Buffer.isBuffer(hash) ? hash : Buffer.from(hash);
  });
}
