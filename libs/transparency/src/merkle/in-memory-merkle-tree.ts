import type { MerkleHashReader } from './merkle-hash-reader';
import { emptyRootHash, isMerkleHash, leafHash, MERKLE_HASH_SIZE, nodeHash } from './merkle-tree.hashing';
import { combinePerfectSubtrees, isTreeSize, perfectSubtreesOf } from './merkle-tree.ranges';

/**
 * An append-only tree in memory that keeps the hash of every complete subtree, per level: exactly the
 * (level, index, hash) rows a database-backed store would keep, so the two answer the algorithms alike.
 * Appending costs O(1) hashes amortised; any root or proof up to the current size costs O(log n) reads.
 */
export class InMemoryMerkleTree implements MerkleHashReader {
  /** levels[l] holds, in order, the hash of every complete subtree of 2^l leaves. */
  private readonly levels: HashColumn[] = [new HashColumn()];

  /** A tree of the given leaves (entry bytes, hashed here as RFC 9162 leaves). */
  static of(leaves: Iterable<Uint8Array>): InMemoryMerkleTree {
    const tree = new InMemoryMerkleTree();
    for (const leaf of leaves) tree.appendLeaf(leaf);
    return tree;
  }

  /** Appends an entry, hashed as a leaf; returns its leaf index. */
  appendLeaf(leaf: Uint8Array): number {
    return this.appendLeafHash(leafHash(leaf));
  }

  /** Appends an already-hashed leaf (MTH({d}) of the entry); returns its leaf index. */
  appendLeafHash(hash: Uint8Array): number {
    if (!isMerkleHash(hash)) throw new TypeError('a leaf hash is 32 bytes');
    const index = this.levels[0].length;
    this.levels[0].push(hash);
    // A level reaching an even count has just completed a pair of siblings: their parent completes one level up.
    for (let level = 0; this.levels[level].length % 2 === 0; level++) {
      const column = this.levels[level];
      const count = column.length;
      if (this.levels.length === level + 1) this.levels.push(new HashColumn());
      this.levels[level + 1].push(nodeHash(column.view(count - 2), column.view(count - 1)));
    }
    return index;
  }

  leafCount(): number {
    return this.levels[0].length;
  }

  hashAt(level: number, index: number): Buffer {
    const column = this.levels[level];
    if (column === undefined || !isTreeSize(index) || index >= column.length) {
      throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    }
    return Buffer.from(column.view(index));
  }

  /** MTH of the first `size` leaves (the current tree by default), synchronously. */
  rootHash(size: number = this.leafCount()): Buffer {
    if (!isTreeSize(size) || size > this.leafCount()) {
      throw new RangeError(`tree size ${String(size)} is beyond the ${this.leafCount()} leaves held`);
    }
    if (size === 0) return emptyRootHash();
    const nodes = perfectSubtreesOf({ begin: 0, end: size });
    return combinePerfectSubtrees(nodes.map((node) => this.levels[node.level].view(node.index)));
  }
}

/** A growable run of 32-byte hashes in one Buffer: a million leaves are one allocation, not a million. */
class HashColumn {
  private bytes = Buffer.alloc(64 * MERKLE_HASH_SIZE);
  length = 0;

  push(hash: Uint8Array): void {
    if ((this.length + 1) * MERKLE_HASH_SIZE > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * MERKLE_HASH_SIZE);
    this.length += 1;
  }

  /** A view, not a copy: for hashing inside the tree only; hashAt copies before anything leaves it. */
  view(index: number): Buffer {
    return this.bytes.subarray(index * MERKLE_HASH_SIZE, (index + 1) * MERKLE_HASH_SIZE);
  }
}
