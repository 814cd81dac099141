/**
 * A perfect subtree: the 2^level leaves starting at leaf index·2^level; level 0 is the leaf hashes themselves.
 * (level, index) is the key tile-based logs store hashes under, and the primary key of a (level, index, hash) table.
 */
export interface MerkleNodeId {
  readonly level: number;
  readonly index: number;
}

export type MaybePromise<T> = T | Promise<T>;

/**
 * What the proof algorithms need from a tree store: the hashes of complete (perfect) subtrees only. Every root and
 * proof element, ragged right edge included, is folded from O(log n) of them, so nothing but perfect subtrees ever
 * has to be stored, and a store that appends them never rewrites a row.
 *
 * Methods may answer synchronously (in memory) or with a Promise (a database).
 */
export interface MerkleHashReader {
  /** How many leaves the store holds; roots and proofs may be asked for any tree size up to it. */
  leafCount(): MaybePromise<number>;

  /** The hash of the perfect subtree (level, index). Only asked for subtrees wholly inside leafCount(). */
  hashAt(level: number, index: number): MaybePromise<Buffer>;

  /**
   * Optional batch form, answers in the order asked: lets a database answer a whole proof in one round trip
   * (`WHERE (level, index) IN (...)`) instead of one query per node. Used instead of hashAt when present.
   */
  hashesAt?(nodes: readonly MerkleNodeId[]): MaybePromise<readonly Buffer[]>;
}
