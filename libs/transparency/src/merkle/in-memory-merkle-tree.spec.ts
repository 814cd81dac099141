import { consistencyProof } from './consistency-proof';
import { verifyConsistency } from './consistency-proof.verifier';
import { InMemoryMerkleTree } from './in-memory-merkle-tree';
import { inclusionProof } from './inclusion-proof';
import { verifyInclusion } from './inclusion-proof.verifier';
import type { MerkleHashReader, MerkleNodeId } from './merkle-hash-reader';
import { leafHash, nodeHash } from './merkle-tree.hashing';
import { rootHash } from './root-hash';

/** A reader over another that counts what it is asked, as a database's queries would be counted. */
function counting(inner: MerkleHashReader) {
  const calls = { leafCount: 0, hashAt: 0 };
  const reader: MerkleHashReader = {
    leafCount: () => (calls.leafCount++, inner.leafCount()),
    hashAt: (level, index) => (calls.hashAt++, inner.hashAt(level, index)),
  };
  return { reader, calls, reset: () => Object.assign(calls, { leafCount: 0, hashAt: 0 }) };
}

/** A reader answering only by Promises, in batches, as a Postgres store with `WHERE (level, index) IN` would. */
function batchingAsync(inner: InMemoryMerkleTree) {
  const batches: MerkleNodeId[][] = [];
  const reader: MerkleHashReader = {
    leafCount: async () => inner.leafCount(),
    hashAt: async () => {
      throw new Error('a batching store is asked in batches');
    },
    hashesAt: async (nodes) => (batches.push([...nodes]), nodes.map((n) => inner.hashAt(n.level, n.index))),
  };
  return { reader, batches };
}

describe('InMemoryMerkleTree', () => {
  it('keeps every complete subtree per level, and nothing incomplete', () => {
    const tree = InMemoryMerkleTree.of(['a', 'b', 'c'].map((s) => Buffer.from(s)));
    const [a, b, c] = ['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s)));
    expect(tree.leafCount()).toBe(3);
    expect(tree.hashAt(0, 2)).toEqual(c);
    expect(tree.hashAt(1, 0)).toEqual(nodeHash(a, b));
    expect(() => tree.hashAt(1, 1)).toThrow(RangeError);
    expect(() => tree.hashAt(2, 0)).toThrow(RangeError);
    expect(tree.appendLeafHash(leafHash(Buffer.from('d')))).toBe(3);
    expect(tree.hashAt(2, 0)).toEqual(tree.rootHash());
    expect(tree.rootHash(3)).toEqual(nodeHash(nodeHash(a, b), c));
  });

  it('hands out copies, so a caller cannot change the tree', () => {
    const tree = InMemoryMerkleTree.of([Buffer.from('x'), Buffer.from('y')]);
    const root = tree.rootHash();
    tree.hashAt(0, 0).fill(0);
    tree.hashAt(1, 0).fill(0);
    expect(tree.rootHash()).toEqual(root);
  });

  it('refuses a leaf hash that is not 32 bytes, and sizes it does not hold', async () => {
    const tree = InMemoryMerkleTree.of([Buffer.from('x')]);
    expect(() => tree.appendLeafHash(Buffer.alloc(31))).toThrow(TypeError);
    expect(() => tree.rootHash(2)).toThrow(RangeError);
    await expect(rootHash(tree, 2)).rejects.toThrow(RangeError);
    await expect(rootHash(tree, -1)).rejects.toThrow(RangeError);
    await expect(inclusionProof(tree, 1, 1)).rejects.toThrow(RangeError);
    await expect(inclusionProof(tree, 0.5, 1)).rejects.toThrow(RangeError);
    await expect(inclusionProof(tree, 0, 2)).rejects.toThrow(RangeError);
    await expect(consistencyProof(tree, 1, 0)).rejects.toThrow(RangeError);
    await expect(consistencyProof(tree, 1, 2)).rejects.toThrow(RangeError);
  });

  it('refuses to build on a store that answers something other than a 32-byte hash', async () => {
    const tree = InMemoryMerkleTree.of([Buffer.from('x'), Buffer.from('y'), Buffer.from('z')]);
    const broken: MerkleHashReader = {
      leafCount: () => 3,
      hashAt: (level) => (level === 0 ? Buffer.alloc(3) : tree.hashAt(1, 0)),
    };
    await expect(rootHash(broken, 3)).rejects.toThrow('is not 32 bytes');
    const short: MerkleHashReader = { leafCount: () => 3, hashAt: () => Buffer.alloc(32), hashesAt: () => [] };
    await expect(inclusionProof(short, 0, 3)).rejects.toThrow('answered 0 hashes for 2 nodes');
  });

  it('the algorithms run the same over an async store that answers each proof in one batch', async () => {
    const tree = InMemoryMerkleTree.of(Array.from({ length: 300 }, (_, i) => Buffer.from(`entry ${i}`)));
    const { reader, batches } = batchingAsync(tree);
    for (const [index, size] of [
      [0, 1],
      [17, 300],
      [299, 300],
      [128, 129],
    ]) {
      batches.length = 0;
      expect(await inclusionProof(reader, index, size)).toEqual(await inclusionProof(tree, index, size));
      expect(batches.length).toBeLessThanOrEqual(1);
    }
    for (const [from, to] of [
      [1, 300],
      [128, 256],
      [100, 299],
    ]) {
      batches.length = 0;
      expect(await consistencyProof(reader, from, to)).toEqual(await consistencyProof(tree, from, to));
      expect(batches).toHaveLength(1);
    }
    expect(await rootHash(reader, 299)).toEqual(tree.rootHash(299));
  });
});

describe('a million-leaf store answers with O(log n) reads', () => {
  const LEAVES = 1_000_000;
  const tree = new InMemoryMerkleTree();
  const synthetic = (i: number) => {
    const hash = Buffer.alloc(32, 0xa5);
    hash.writeUInt32BE(i);
    return hash;
  };
  const started = performance.now();
  for (let i = 0; i < LEAVES; i++) tree.appendLeafHash(synthetic(i));
  const appendMs = performance.now() - started;
  const { reader, calls, reset } = counting(tree);
  const bound = (n: number) => 2 * Math.log2(n) + 2;

  it(`appended ${LEAVES} leaf hashes (${Math.round(appendMs)} ms)`, () => {
    expect(tree.leafCount()).toBe(LEAVES);
  });

  it('roots, inclusion proofs and consistency proofs, each within 2·log2(n) + 2 reads and verifying', async () => {
    const sizes = [LEAVES, LEAVES - 1, 2 ** 19, 2 ** 19 + 1, 777_777, 3];
    const worst = { root: 0, inclusion: 0, consistency: 0 };
    for (const size of sizes) {
      reset();
      const root = await rootHash(reader, size);
      expect(calls.hashAt).toBeLessThanOrEqual(Math.floor(Math.log2(size)) + 1);
      worst.root = Math.max(worst.root, calls.hashAt);
      for (const index of [0, 1, size - 1, size - 2, Math.floor(size / 3)]) {
        reset();
        const proof = await inclusionProof(reader, index, size);
        expect({ index, size, reads: calls.hashAt, leafCount: calls.leafCount }).toEqual({
          index,
          size,
          reads: expect.any(Number),
          leafCount: 1,
        });
        expect(calls.hashAt).toBeLessThanOrEqual(bound(size));
        worst.inclusion = Math.max(worst.inclusion, calls.hashAt);
        expect(verifyInclusion(synthetic(index), index, size, proof, root)).toBe(true);
      }
      for (const from of [1, 2, size - 1, Math.floor(size / 2) + 1, 2 ** 10 + 3]) {
        if (from >= size) continue;
        const fromRoot = tree.rootHash(from);
        reset();
        const proof = await consistencyProof(reader, from, size);
        expect(calls.hashAt).toBeLessThanOrEqual(bound(size));
        worst.consistency = Math.max(worst.consistency, calls.hashAt);
        expect(verifyConsistency(from, size, proof, fromRoot, root)).toBe(true);
      }
    }
    // Seen for a million leaves: a bound is only as good as how close the real counts come to it.
    expect(worst.inclusion).toBeGreaterThanOrEqual(20);
    expect(worst.inclusion).toBeLessThanOrEqual(bound(LEAVES));
  });
});
