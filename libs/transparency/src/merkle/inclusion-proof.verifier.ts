import { isMerkleHash, nodeHash, sameHash } from './merkle-tree.hashing';
import { isTreeSize } from './merkle-tree.ranges';
import { isHashList, lsb, shiftRight } from './merkle-proof.verifier-input';

/**
 * Whether `proof` shows the leaf with hash `leafHash` at `leafIndex` in the tree of `treeSize` leaves whose root is
 * `rootHash`: RFC 9162 §2.1.3.2, step for step. Needs no tree. Total: malformed input of any kind (a wrong proof
 * length, a hash not 32 bytes, an index out of range, a non-integer) is false, never an exception.
 *
 * The root does not commit to the size (the same proof may fit another size with the same path shape), so the
 * size must come from the same signed statement as the root, as a checkpoint gives both.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  rootHash: Uint8Array,
): boolean {
  if (!isMerkleHash(leafHash) || !isMerkleHash(rootHash) || !isHashList(proof)) return false;
  // 1. leaf_index must be below tree_size.
  if (!isTreeSize(leafIndex) || !isTreeSize(treeSize) || leafIndex >= treeSize) return false;
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    // a. A proof longer than the path from this leaf to the root fails.
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      // b. p is a left sibling: r = HASH(0x01 || p || r) ...
      r = nodeHash(p, r);
      // ... and where fn = sn on a right edge with no sibling, skip the levels that have none.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shiftRight(fn);
          sn = shiftRight(sn);
        }
      }
    } else {
      // Otherwise p is a right sibling: r = HASH(0x01 || r || p).
      r = nodeHash(r, p);
    }
    // c. Up one level.
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  // 5. sn = 0 says the proof reached the root (not shorter than the path), and r must be that root.
  return sn === 0 && sameHash(r, rootHash);
}
