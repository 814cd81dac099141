import type { MerkleHashReader } from './merkle-hash-reader';
import { readRangeHashes, requireTreeSizeWithin } from './merkle-hash-reader.reads';
import { largestPowerOfTwoBelow, LeafRange } from './merkle-tree.ranges';

/**
 * The consistency proof that the tree of `fromSize` leaves is a prefix of the tree of `toSize` leaves:
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1. The RFC defines it for 0 < m < n; for m = 0 and
 * m = n there is nothing to prove and the proof is empty, which is what verifyConsistency expects there.
 * Throws RangeError unless 0 ≤ fromSize ≤ toSize ≤ leafCount().
 */
export async function consistencyProof(reader: MerkleHashReader, fromSize: number, toSize: number): Promise<Buffer[]> {
  await requireTreeSizeWithin(reader, toSize);
  await requireTreeSizeWithin(reader, fromSize);
  if (fromSize > toSize) throw new RangeError(`tree size ${fromSize} cannot be a prefix of tree size ${toSize}`);
  if (fromSize === 0 || fromSize === toSize) return [];
  return readRangeHashes(reader, consistencyPathRanges(fromSize, toSize));
}

/**
 * The ranges whose MTHs make up SUBPROOF(m, D[n], b), unrolled from the RFC's recursion:
 *   m = n:  {} if b, else {MTH(D[m])}   (b: the old tree's root is itself a node of the new tree, so the
 *                                         verifier already has it)
 *   m ≤ k:  SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
 *   m > k:  SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
 * As for PATH, the walk from the root meets the RFC's last element first, hence the reverse.
 */
export function consistencyPathRanges(fromSize: number, toSize: number): LeafRange[] {
  const nodes: LeafRange[] = [];
  let begin = 0;
  let end = toSize;
  let oldRootIsANode = true;
  while (fromSize - begin < end - begin) {
    const split = begin + largestPowerOfTwoBelow(end - begin);
    if (fromSize <= split) {
      nodes.push({ begin: split, end });
      end = split;
    } else {
      nodes.push({ begin, end: split });
      begin = split;
      oldRootIsANode = false;
    }
  }
  if (!oldRootIsANode) nodes.push({ begin, end });
  return nodes.reverse();
}
