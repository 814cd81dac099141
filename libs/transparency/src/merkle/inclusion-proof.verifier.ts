import { isMerkleHash, nodeHash, sameHash } from './merkle-tree.hashing';
import { isTreeSize } from './merkle-tree.ranges';
import { isHashList, walkProofPath } from './merkle-proof.verifier-input';

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
  let r: Uint8Array = leafHash;
  // 4. For each p in inclusion_path: a left sibling gives r = HASH(0x01 || p || r), a right one r = HASH(0x01 || r || p).
  const reachedRoot = walkProofPath(leafIndex, treeSize - 1, proof, (p, isLeft) => {
    r = isLeft ? nodeHash(p, r) : nodeHash(r, p);
  });
  // 5. sn = 0 says the proof reached the root (not shorter than the path), and r must be that root.
  return reachedRoot && sameHash(r, rootHash);
}
