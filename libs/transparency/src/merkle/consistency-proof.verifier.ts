import { emptyRootHash, isMerkleHash, nodeHash, sameHash } from './merkle-tree.hashing';
import { isTreeSize } from './merkle-tree.ranges';
import { isHashList, lsb, shiftRight, walkProofPath } from './merkle-proof.verifier-input';

/**
 * Whether `proof` shows the tree of `size1` leaves with root `root1` to be a prefix of the tree of `size2` leaves
 * with root `root2`: RFC 9162 §2.1.4.2, step for step. Needs no tree. Total: malformed input is false, never an
 * exception.
 *
 * The RFC defines proofs for 0 < size1 < size2 only; the two cases around it have nothing to prove, so they take
 * an empty proof and are decided by the roots alone:
 * - size1 = size2: the roots must be equal;
 * - size1 = 0: every tree extends the empty one, but root1 must be the empty tree's root, SHA-256("") (and root2
 *   too when size2 = 0), so that a caller's wrong root is not waved through.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isMerkleHash(root1) || !isMerkleHash(root2) || !isHashList(proof)) return false;
  if (!isTreeSize(size1) || !isTreeSize(size2) || size1 > size2) return false;
  if (size1 === 0) {
    return proof.length === 0 && sameHash(root1, emptyRootHash()) && (size2 > 0 || sameHash(root2, root1));
  }
  if (size1 === size2) return proof.length === 0 && sameHash(root1, root2);

  // 1. An empty path proves nothing between two different sizes.
  if (proof.length === 0) return false;
  // 2. When size1 is a power of two the old root is a node of the new tree, so the proof omits it; put it back.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3. fn = first - 1, sn = second - 1.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4. Climb past the levels where the old tree's last leaf is a right child: those nodes are inside the old root.
  while (lsb(fn)) {
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  // 5. fr and sr both start at the first path value.
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  // 6. For each subsequent value c: a left sibling in both trees goes into both roots; otherwise c lies right of the
  // old tree and only the new root includes it.
  const reachedRoot = walkProofPath(fn, sn, path.slice(1), (c, isLeft) => {
    if (isLeft) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  // 7. Both roots rebuilt, and the path reached the new root (not shorter than it).
  return reachedRoot && sameHash(fr, root1) && sameHash(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
