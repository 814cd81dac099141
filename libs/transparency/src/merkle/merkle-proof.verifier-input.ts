import { isMerkleHash } from './merkle-tree.hashing';

/** A proof as it may arrive from outside: anything but an array of 32-byte hashes is refused, never hashed. */
export function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isMerkleHash);
}

// The RFC's LSB(x) and "right-shift" as arithmetic: JavaScript's bit operators are 32-bit, tree sizes are not.
export const lsb = (x: number): boolean => x % 2 === 1;
export const shiftRight = (x: number): number => Math.floor(x / 2);

/**
 * The path walk both RFC 9162 verifications share (§2.1.3.2 step 4, §2.1.4.2 step 6), from the node numbers fn and
 * sn: `hashIn(c, isLeft)` folds each path value c in, as a left sibling (then the levels with no sibling on the right
 * edge are skipped) or as a right one. True when the path reached the root exactly: a path longer than the walk up
 * fails at once, a shorter one ends with sn above 0.
 */
export function walkProofPath(
  fn: number,
  sn: number,
  path: readonly Uint8Array[],
  hashIn: (c: Uint8Array, isLeft: boolean) => void,
): boolean {
  for (const c of path) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      hashIn(c, true);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = shiftRight(fn);
          sn = shiftRight(sn);
        }
      }
    } else {
      hashIn(c, false);
    }
    // Up one level.
    fn = shiftRight(fn);
    sn = shiftRight(sn);
  }
  return sn === 0;
}
