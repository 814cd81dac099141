import type { MerkleHashReader } from './merkle-hash-reader';
import { readRangeHashes, requireTreeSizeWithin } from './merkle-hash-reader.reads';
import { isTreeSize, largestPowerOfTwoBelow, LeafRange } from './merkle-tree.ranges';

/**
 * The inclusion proof of leaf `leafIndex` in the tree of the first `size` leaves: PATH(m, D[n]) of RFC 9162
 * §2.1.3.1, the sibling nearest the leaf first. Throws RangeError unless 0 ≤ leafIndex < size ≤ leafCount().
 */
export async function inclusionProof(reader: MerkleHashReader, leafIndex: number, size: number): Promise<Buffer[]> {
  await requireTreeSizeWithin(reader, size);
  if (!isTreeSize(leafIndex) || leafIndex >= size) {
    throw new RangeError(`leaf ${String(leafIndex)} is not in a tree of ${size} leaves`);
  }
  return readRangeHashes(reader, inclusionPathRanges(leafIndex, size));
}

/**
 * The ranges whose MTHs make up PATH(m, D[n]), unrolled from the RFC's recursion:
 *   m < k:  PATH(m, D[0:k]) : MTH(D[k:n])
 *   m ≥ k:  PATH(m - k, D[k:n]) : MTH(D[0:k])
 * Walking down from the root finds the outermost sibling first, which the RFC lists last, hence the reverse.
 */
export function inclusionPathRanges(leafIndex: number, size: number): LeafRange[] {
  const siblings: LeafRange[] = [];
  let begin = 0;
  let end = size;
  while (end - begin > 1) {
    const split = begin + largestPowerOfTwoBelow(end - begin);
    if (leafIndex < split) {
      siblings.push({ begin: split, end });
      end = split;
    } else {
      siblings.push({ begin, end: split });
      begin = split;
    }
  }
  return siblings.reverse();
}
