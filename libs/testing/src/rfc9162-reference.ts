import { createHash } from 'node:crypto';

// An independent reading of RFC 9162 §2.1 for tests: MTH, PATH and PROOF/SUBPROOF transcribed from the recursive
// definitions over a plain list of leaf hashes, with its own hashing. It shares no code with @app/transparency
// (no stored subtrees, no range decomposition, no verifier loops), so a store and its proofs agreeing with it byte for
// byte means two readings of the spec agree.

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest();
};

/** SHA-256(0x00 || data): the leaf hash of RFC 9162 §2.1.1. */
export function referenceLeafHash(data: Uint8Array): Buffer {
  return sha256(Buffer.of(0x00), data);
}

/** k: the largest power of two smaller than n (n > 1). */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

/** MTH over leaf hashes (already 0x00-prefixed and hashed). */
export function referenceRoot(leaves: readonly Buffer[]): Buffer {
  const memo = new Map<string, Buffer>();
  const mth = (lo: number, hi: number): Buffer => {
    const key = `${lo}:${hi}`;
    const known = memo.get(key);
    if (known) return known;
    const n = hi - lo;
    const hash =
      n === 0 ? sha256() : n === 1 ? leaves[lo] : sha256(Buffer.of(0x01), mth(lo, lo + k(n)), mth(lo + k(n), hi));
    memo.set(key, hash);
    return hash;
  };
  return mth(0, leaves.length);
}

/** PATH(m, D[n]). */
export function referenceInclusionPath(leaves: readonly Buffer[], m: number): Buffer[] {
  const path = (m: number, d: readonly Buffer[]): Buffer[] => {
    const n = d.length;
    if (n <= 1) return [];
    const split = k(n);
    return m < split
      ? [...path(m, d.slice(0, split)), referenceRoot(d.slice(split))]
      : [...path(m - split, d.slice(split)), referenceRoot(d.slice(0, split))];
  };
  return path(m, leaves);
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function referenceConsistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  const subproof = (m: number, d: readonly Buffer[], b: boolean): Buffer[] => {
    const n = d.length;
    if (m === n) return b ? [] : [referenceRoot(d)];
    const split = k(n);
    return m <= split
      ? [...subproof(m, d.slice(0, split), b), referenceRoot(d.slice(split))]
      : [...subproof(m - split, d.slice(split), false), referenceRoot(d.slice(0, split))];
  };
  return m === 0 || m === leaves.length ? [] : subproof(m, leaves, true);
}
