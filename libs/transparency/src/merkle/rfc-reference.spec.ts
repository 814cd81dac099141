import { createHash } from 'node:crypto';
import { consistencyProof } from './consistency-proof';
import { verifyConsistency } from './consistency-proof.verifier';
import { InMemoryMerkleTree } from './in-memory-merkle-tree';
import { inclusionProof } from './inclusion-proof';
import { verifyInclusion } from './inclusion-proof.verifier';
import { rootHash } from './root-hash';

// An independent reading of RFC 9162 §2.1: MTH, PATH and SUBPROOF transcribed from the recursive definitions on
// the plain list of entries, with its own hashing. It shares no code with the implementation (no stored subtrees,
// no unrolled loops, no range decomposition), so agreeing byte for byte on every size up to 128 means two readings
// of the spec agree, not that one reading agrees with itself.
const MAX_SIZE = 128;

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  parts.forEach((p) => hash.update(p));
  return hash.digest();
};

/** The entries D[0..MAX_SIZE); D[n] is its first n. Lengths vary, the empty entry included. */
const D: Buffer[] = Array.from({ length: MAX_SIZE }, (_, i) =>
  Buffer.from(Array.from({ length: i % 7 }, (_, j) => (i * 31 + j) & 0xff)),
);

/** k: the largest power of two smaller than n (n > 1). */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

// The definitions, on D[lo:hi]. MTH is pure, so memoising it changes the cost, not the definition.
const mthMemo = new Map<string, Buffer>();

/** MTH({}) = SHA-256(); MTH({d(0)}) = SHA-256(0x00 || d(0)); MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
function MTH(lo: number, hi: number): Buffer {
  const key = `${lo}:${hi}`;
  let hash = mthMemo.get(key);
  if (hash === undefined) {
    const n = hi - lo;
    if (n === 0) hash = sha256();
    else if (n === 1) hash = sha256(Buffer.of(0x00), D[lo]);
    else hash = sha256(Buffer.of(0x01), MTH(lo, lo + k(n)), MTH(lo + k(n), hi));
    mthMemo.set(key, hash);
  }
  return hash;
}

/** PATH(0, {d(0)}) = {}; PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, PATH(m - k, D[k:n]) : MTH(D[0:k]) else. */
function PATH(m: number, lo: number, hi: number): Buffer[] {
  const n = hi - lo;
  if (n === 1) return [];
  return m < k(n)
    ? [...PATH(m, lo, lo + k(n)), MTH(lo + k(n), hi)]
    : [...PATH(m - k(n), lo + k(n), hi), MTH(lo, lo + k(n))];
}

/** SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}; then the split at k. */
function SUBPROOF(m: number, lo: number, hi: number, b: boolean): Buffer[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [MTH(lo, hi)];
  return m <= k(n)
    ? [...SUBPROOF(m, lo, lo + k(n), b), MTH(lo + k(n), hi)]
    : [...SUBPROOF(m - k(n), lo + k(n), hi, false), MTH(lo, lo + k(n))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true), defined for 0 < m < n. */
const PROOF = (m: number, n: number) => SUBPROOF(m, 0, n, true);

const hexes = (hashes: Buffer[]) => hashes.map((h) => h.toString('hex'));

describe('our tree against an independent transcription of RFC 9162 §2.1', () => {
  const tree = InMemoryMerkleTree.of(D);

  it(`agrees on the root of every size 0..${MAX_SIZE}`, async () => {
    for (let n = 0; n <= MAX_SIZE; n++) {
      expect((await rootHash(tree, n)).toString('hex')).toBe(MTH(0, n).toString('hex'));
      expect(tree.rootHash(n).toString('hex')).toBe(MTH(0, n).toString('hex'));
    }
  });

  it(`agrees on every inclusion proof of every size 1..${MAX_SIZE}, and each verifies`, async () => {
    let checked = 0;
    for (let n = 1; n <= MAX_SIZE; n++) {
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(tree, m, n);
        const expected = PATH(m, 0, n);
        // Compared as one string first: thousands of expect calls would dominate the run.
        if (hexes(proof).join() !== hexes(expected).join()) {
          expect({ m, n, proof: hexes(proof) }).toEqual({ m, n, proof: hexes(expected) });
        }
        if (!verifyInclusion(MTH(m, m + 1), m, n, expected, MTH(0, n)))
          throw new Error(`PATH(${m}, D[${n}]) does not verify`);
        checked++;
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it(`agrees on every consistency proof between sizes up to ${MAX_SIZE}, and each verifies`, async () => {
    let checked = 0;
    for (let n = 1; n <= MAX_SIZE; n++) {
      for (let m = 1; m < n; m++) {
        const proof = await consistencyProof(tree, m, n);
        const expected = PROOF(m, n);
        // Compared as one string first: thousands of expect calls would dominate the run.
        if (hexes(proof).join() !== hexes(expected).join()) {
          expect({ m, n, proof: hexes(proof) }).toEqual({ m, n, proof: hexes(expected) });
        }
        if (!verifyConsistency(m, n, expected, MTH(0, m), MTH(0, n)))
          throw new Error(`PROOF(${m}, D[${n}]) does not verify`);
        checked++;
      }
      // Outside the RFC's 0 < m < n there is nothing to prove.
      expect(await consistencyProof(tree, 0, n)).toEqual([]);
      expect(await consistencyProof(tree, n, n)).toEqual([]);
    }
    expect(checked).toBe(((MAX_SIZE - 1) * MAX_SIZE) / 2);
  });
});
