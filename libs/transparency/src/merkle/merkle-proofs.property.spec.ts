import { consistencyProof } from './consistency-proof';
import { verifyConsistency } from './consistency-proof.verifier';
import { InMemoryMerkleTree } from './in-memory-merkle-tree';
import { inclusionProof } from './inclusion-proof';
import { verifyInclusion } from './inclusion-proof.verifier';
import { leafHash } from './merkle-tree.hashing';
import { rootHash } from './root-hash';

// Properties over many tree shapes: every proof verifies against the root, and no single-bit change to a proof,
// leaf or root, and no off-by-one index or size, is accepted. Seeded, so a failure replays exactly.
const MAX_SIZE = 2_000;
const EXHAUSTIVE_UP_TO = 64;
const SAMPLES = 300;

/** mulberry32: small, seeded, good enough to pick test cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(9162);
const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function flipBit(hash: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(hash);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}
const randomBit = () => integer(0, 255);
/** The corruptions a verifier accepted, for both proof kinds: `check(what, ok)` records `what` where `ok` is true. */
function corruptionsAccepted() {
  const accepted: string[] = [];
  const check = (what: string, ok: boolean) => ok && accepted.push(what);
  return { accepted, check };
}
const replaced = (proof: Buffer[], i: number, hash: Buffer) => proof.map((h, j) => (j === i ? hash : h));

const leaves = Array.from({ length: MAX_SIZE }, () =>
  Buffer.from(Array.from({ length: integer(0, 40) }, () => integer(0, 255))),
);
const tree = InMemoryMerkleTree.of(leaves);
const leafHashes = leaves.map(leafHash);
const roots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => tree.rootHash(n));

const inclusionCases: Array<[number, number]> = [];
const consistencyCases: Array<[number, number]> = [];
for (let size = 1; size <= EXHAUSTIVE_UP_TO; size++) {
  for (let i = 0; i < size; i++) inclusionCases.push([i, size]);
  for (let from = 1; from < size; from++) consistencyCases.push([from, size]);
}
for (let s = 0; s < SAMPLES; s++) {
  const size = integer(EXHAUSTIVE_UP_TO + 1, MAX_SIZE);
  inclusionCases.push([integer(0, size - 1), size]);
  const to = integer(EXHAUSTIVE_UP_TO + 1, MAX_SIZE);
  consistencyCases.push([integer(1, to - 1), to]);
}

describe(`Merkle proofs over random trees up to ${MAX_SIZE} leaves (all shapes up to ${EXHAUSTIVE_UP_TO})`, () => {
  it('the reader-based root equals the store root for sampled sizes', async () => {
    for (let s = 0; s < 50; s++) {
      const n = integer(0, MAX_SIZE);
      expect(await rootHash(tree, n)).toEqual(roots[n]);
    }
  });

  it(`every one of ${inclusionCases.length} inclusion proofs verifies, and no corruption of it does`, async () => {
    const { accepted, check } = corruptionsAccepted();
    for (const [index, size] of inclusionCases) {
      const proof = await inclusionProof(tree, index, size);
      const [leaf, root] = [leafHashes[index], roots[size]];
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
      if (!verifyInclusion(leaf, index, size, proof, root)) throw new Error(`(${index}, ${size}) does not verify`);
      const at = `(${index}, ${size})`;
      proof.forEach((h, i) => {
        const flipped = replaced(proof, i, flipBit(h, randomBit()));
        check(`${at} proof[${i}] flipped`, verifyInclusion(leaf, index, size, flipped, root));
      });
      check(`${at} leaf flipped`, verifyInclusion(flipBit(leaf, randomBit()), index, size, proof, root));
      check(`${at} root flipped`, verifyInclusion(leaf, index, size, proof, flipBit(root, randomBit())));
      // Another index of the same tree: its path differs from this one somewhere, so the proof cannot fit.
      if (index > 0) check(`${at} index - 1`, verifyInclusion(leafHashes[index - 1], index - 1, size, proof, root));
      if (index + 1 < size)
        check(`${at} index + 1`, verifyInclusion(leafHashes[index + 1], index + 1, size, proof, root));
      check(`${at} same leaf hash at index + 1`, verifyInclusion(leaf, index + 1, size, proof, root));
      // Another size, with that size's root: the extra or missing leaf lies in some sibling, which changes.
      if (size - 1 > index) check(`${at} size - 1`, verifyInclusion(leaf, index, size - 1, proof, roots[size - 1]));
      if (size < MAX_SIZE) check(`${at} size + 1`, verifyInclusion(leaf, index, size + 1, proof, roots[size + 1]));
      check(`${at} shortened`, proof.length > 0 && verifyInclusion(leaf, index, size, proof.slice(1), root));
      check(`${at} lengthened`, verifyInclusion(leaf, index, size, [...proof, root], root));
    }
    expect(accepted).toEqual([]);
  });

  it(`every one of ${consistencyCases.length} consistency proofs verifies, and no corruption of it does`, async () => {
    const { accepted, check } = corruptionsAccepted();
    for (const [from, to] of consistencyCases) {
      const proof = await consistencyProof(tree, from, to);
      const [root1, root2] = [roots[from], roots[to]];
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(to)) + 1);
      if (!verifyConsistency(from, to, proof, root1, root2)) throw new Error(`${from} → ${to} does not verify`);
      const at = `${from} → ${to}`;
      proof.forEach((h, i) => {
        const flipped = replaced(proof, i, flipBit(h, randomBit()));
        check(`${at} proof[${i}] flipped`, verifyConsistency(from, to, flipped, root1, root2));
      });
      check(`${at} root1 flipped`, verifyConsistency(from, to, proof, flipBit(root1, randomBit()), root2));
      check(`${at} root2 flipped`, verifyConsistency(from, to, proof, root1, flipBit(root2, randomBit())));
      check(`${at} size1 - 1`, verifyConsistency(from - 1, to, proof, roots[from - 1], root2));
      check(`${at} size1 + 1`, verifyConsistency(from + 1, to, proof, roots[from + 1], root2));
      check(`${at} size2 - 1`, verifyConsistency(from, to - 1, proof, root1, roots[to - 1]));
      if (to < MAX_SIZE) check(`${at} size2 + 1`, verifyConsistency(from, to + 1, proof, root1, roots[to + 1]));
      check(`${at} size1 - 1, same roots`, verifyConsistency(from - 1, to, proof, root1, root2));
      check(`${at} size1 + 1, same roots`, verifyConsistency(from + 1, to, proof, root1, root2));
      check(`${at} shortened`, verifyConsistency(from, to, proof.slice(0, -1), root1, root2));
      check(`${at} lengthened`, verifyConsistency(from, to, [...proof, root2], root1, root2));
    }
    expect(accepted).toEqual([]);
  });

  it('no flip of any single bit anywhere is accepted, for a few cases taken bit by bit', async () => {
    const accepted: string[] = [];
    const inclusion = [[0, 1], [5, 7], [1_023, 1_024], [1_500, MAX_SIZE], inclusionCases[inclusionCases.length - 1]];
    for (const [index, size] of inclusion) {
      const proof = await inclusionProof(tree, index, size);
      const [leaf, root] = [leafHashes[index], roots[size]];
      const at = `(${index}, ${size})`;
      for (let bit = 0; bit < 256; bit++) {
        if (verifyInclusion(flipBit(leaf, bit), index, size, proof, root)) accepted.push(`${at} leaf bit ${bit}`);
        if (verifyInclusion(leaf, index, size, proof, flipBit(root, bit))) accepted.push(`${at} root bit ${bit}`);
        proof.forEach((h, i) => {
          const flipped = replaced(proof, i, flipBit(h, bit));
          if (verifyInclusion(leaf, index, size, flipped, root)) accepted.push(`${at} proof[${i}] bit ${bit}`);
        });
      }
    }
    const consistency = [
      [1, 2],
      [4, 7],
      [1_024, 1_025],
      [999, MAX_SIZE],
      consistencyCases[consistencyCases.length - 1],
    ];
    for (const [from, to] of consistency) {
      const proof = await consistencyProof(tree, from, to);
      const [root1, root2] = [roots[from], roots[to]];
      const at = `${from} → ${to}`;
      for (let bit = 0; bit < 256; bit++) {
        if (verifyConsistency(from, to, proof, flipBit(root1, bit), root2)) accepted.push(`${at} root1 bit ${bit}`);
        if (verifyConsistency(from, to, proof, root1, flipBit(root2, bit))) accepted.push(`${at} root2 bit ${bit}`);
        proof.forEach((h, i) => {
          const flipped = replaced(proof, i, flipBit(h, bit));
          if (verifyConsistency(from, to, flipped, root1, root2)) accepted.push(`${at} proof[${i}] bit ${bit}`);
        });
      }
    }
    expect(accepted).toEqual([]);
  });

  it('a root does not commit to its size: the size must be signed with it (why checkpoints carry both)', async () => {
    // PATH(0, D[3]) = [h1, h2] rebuilds MTH(D[3]) also when read as a path in a tree of 4, where leaf 0's
    // path has the same shape. Not a flaw of the verifier: it is what RFC 9162 proves, and why a verifier
    // takes (size, root) from one signed tree head.
    const proof = await inclusionProof(tree, 0, 3);
    expect(verifyInclusion(leafHashes[0], 0, 4, proof, roots[3])).toBe(true);
    expect(verifyInclusion(leafHashes[0], 0, 4, proof, roots[4])).toBe(false);
  });
});

describe('the verifiers are total', () => {
  const proof = [roots[1]];
  const junk: unknown[] = [
    ...[undefined, null, -1, 1.5, NaN, Infinity, 2 ** 53, '3', 3n, {}, []],
    ...['ab'.repeat(32), Buffer.alloc(31), Buffer.alloc(33), new Uint8Array(32).buffer],
  ];
  it('answer false, never throw, for junk in any argument', () => {
    const good = { leaf: leafHashes[0], index: 0, size: 2, proof: [leafHashes[1]], root: roots[2] };
    expect(verifyInclusion(good.leaf, good.index, good.size, good.proof, good.root)).toBe(true);
    const call = (f: () => boolean) => {
      let answer: boolean | 'threw';
      try {
        answer = f();
      } catch {
        answer = 'threw';
      }
      return answer;
    };
    for (const x of junk) {
      const anyX = x as never;
      expect(call(() => verifyInclusion(anyX, good.index, good.size, good.proof, good.root))).toBe(false);
      expect(call(() => verifyInclusion(good.leaf, anyX, good.size, good.proof, good.root))).toBe(false);
      expect(call(() => verifyInclusion(good.leaf, good.index, anyX, good.proof, good.root))).toBe(false);
      expect(call(() => verifyInclusion(good.leaf, good.index, good.size, anyX, good.root))).toBe(false);
      expect(call(() => verifyInclusion(good.leaf, good.index, good.size, [anyX], good.root))).toBe(false);
      expect(call(() => verifyInclusion(good.leaf, good.index, good.size, good.proof, anyX))).toBe(false);
      expect(call(() => verifyConsistency(anyX, 2, proof, roots[1], roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, anyX, proof, roots[1], roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, 2, anyX, roots[1], roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, 2, [anyX], roots[1], roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, 2, [leafHashes[1], anyX], roots[1], roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, 2, proof, anyX, roots[2]))).toBe(false);
      expect(call(() => verifyConsistency(1, 2, proof, roots[1], anyX))).toBe(false);
    }
    expect(verifyConsistency(1, 2, [leafHashes[1]], roots[1], roots[2])).toBe(true);
  });

  it('answer false for proofs of any wrong length, however long', () => {
    for (const length of [0, 1, 2, 10, 64, 1_000]) {
      const filler = Array.from({ length }, () => roots[7]);
      expect(verifyInclusion(leafHashes[3], 3, 1_000, filler, roots[1_000])).toBe(false);
      expect(verifyConsistency(3, 1_000, filler, roots[3], roots[1_000])).toBe(false);
    }
    // Sizes far past 2^32, where 32-bit bit operators would wrap: still decided, not thrown.
    expect(verifyInclusion(leafHashes[0], 2 ** 40, 2 ** 41 + 3, [roots[1]], roots[2])).toBe(false);
    expect(verifyConsistency(2 ** 40, 2 ** 41 + 3, [roots[1]], roots[1], roots[2])).toBe(false);
  });
});
