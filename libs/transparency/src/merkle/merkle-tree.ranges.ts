import type { MerkleNodeId } from './merkle-hash-reader';
import { nodeHash } from './merkle-tree.hashing';

/** A half-open range of leaf indices [begin, end): the D[begin:end] of RFC 9162. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
}

/** A tree size or leaf index: a non-negative safe integer (exact in a double; a bigint row id converts losslessly). */
export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** RFC 9162's k for n > 1: the largest power of two strictly smaller than n. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees MTH(D[begin:end]) is built from, left to right, largest first.
 *
 * MTH splits n at k, the largest power of two below n, so its left part is always a perfect subtree and the
 * recursion continues only on the right: the pieces are the set bits of n, from the highest. That holds only when
 * begin is a multiple of the first piece's size, which every range of the RFC's recursions is; anything else is a
 * programming error, not a tree, and is refused.
 */
export function perfectSubtreesOf(range: LeafRange): MerkleNodeId[] {
  const nodes: MerkleNodeId[] = [];
  let begin = range.begin;
  let remaining = range.end - range.begin;
  let level = 0;
  let size = 1;
  while (size * 2 <= remaining) {
    size *= 2;
    level += 1;
  }
  // Arithmetic, not bit operators: JavaScript's are 32-bit and a log may outgrow 2^31 leaves.
  for (; remaining > 0; size /= 2, level -= 1) {
    if (size > remaining) continue;
    if (begin % size !== 0) {
      throw new RangeError(`[${range.begin}, ${range.end}) is not a range of the RFC's recursion`);
    }
    nodes.push({ level, index: begin / size });
    begin += size;
    remaining -= size;
  }
  return nodes;
}

/** The MTH of a range from its perfect subtrees' hashes (as perfectSubtreesOf orders them): folded from the right. */
export function combinePerfectSubtrees(hashes: readonly Buffer[]): Buffer {
  let hash = hashes[hashes.length - 1];
  if (hash === undefined) throw new RangeError('an empty range has no subtrees to combine');
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}
