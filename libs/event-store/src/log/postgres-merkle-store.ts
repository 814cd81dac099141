import type { Queryable } from '@app/platform';
import { eventLeafHash, type EventLeaf } from './event-leaf';
import { nodeHash, perfectSubtreesOf, type MerkleHashReader, type MerkleNodeId } from '@app/transparency';

export interface SequencedLeaf {
  leaf: EventLeaf;
  globalPosition: string;
}

/**
 * The service's Merkle tree in its own schema: complete subtrees only, as (level, index, hash) rows that are written
 * once and never change (see MerkleHashReader). Appending leaf n writes its hash and each subtree it completes, so
 * the table holds about 2n rows and every root or proof is read in one query of O(log n) rows.
 */
export class PostgresMerkleStore implements MerkleHashReader {
  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
  ) {}

  /** The same store read inside a transaction (the sequencer's batch). */
  within(db: Queryable): PostgresMerkleStore {
    return new PostgresMerkleStore(db, this.schema);
  }

  async leafCount(): Promise<number> {
    const [row] = await this.db.query(
      `SELECT leaf_index FROM "${this.schema}".merkle_leaves ORDER BY leaf_index DESC LIMIT 1`,
    );
    return row ? Number(row.leaf_index) + 1 : 0;
  }

  async hashAt(level: number, index: number): Promise<Buffer> {
    const [hash] = await this.hashesAt([{ level, index }]);
    return hash;
  }

  async hashesAt(nodes: readonly MerkleNodeId[]): Promise<Buffer[]> {
    if (nodes.length === 0) return [];
    const rows: { ord: string; hash: Buffer }[] = await this.db.query(
      `SELECT wanted.ord, n.hash
         FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS wanted(level, node_index, ord)
         JOIN "${this.schema}".merkle_nodes n ON n.level = wanted.level AND n.node_index = wanted.node_index`,
      [nodes.map((n) => n.level), nodes.map((n) => String(n.index))],
    );
    const byOrder = new Map(rows.map((r) => [Number(r.ord), r.hash]));
    return nodes.map((node, i) => {
      const hash = byOrder.get(i + 1);
      // A missing row is a store that was tampered with or half-written: say which node, never answer garbage.
      if (!hash) throw new MissingMerkleNodeError(node);
      return hash;
    });
  }

  /**
   * Appends leaves after the current last one, in the caller's transaction: the leaf rows, their hashes and every
   * subtree they complete. Reads only the right edge of the tree (the perfect subtrees of the current size).
   */
  async append(leaves: readonly SequencedLeaf[]): Promise<{ from: number; to: number }> {
    const from = await this.leafCount();
    if (leaves.length === 0) return { from, to: from };
    const edgeIds = perfectSubtreesOf({ begin: 0, end: from });
    const edgeHashes = await this.hashesAt(edgeIds);
    // The right edge as a stack, biggest subtree first; a new leaf merges with equal-sized neighbours to its left.
    const stack = edgeIds.map((id, i) => ({ ...id, hash: edgeHashes[i] }));
    const written: { level: number; index: number; hash: Buffer }[] = [];
    leaves.forEach((leaf, i) => {
      let node = { level: 0, index: from + i, hash: eventLeafHash(leaf.leaf) };
      written.push(node);
      while (stack.length > 0 && stack[stack.length - 1].level === node.level) {
        const left = stack.pop()!;
        node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
        written.push(node);
      }
      stack.push(node);
    });
    await this.db.query(
      `INSERT INTO "${this.schema}".merkle_leaves (leaf_index, event_id, global_position, stream_type, stream_id, stream_version, recorded_at, event_hash)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::text[])`,
      [
        leaves.map((_, i) => String(from + i)),
        leaves.map((l) => l.leaf.eventId),
        leaves.map((l) => l.globalPosition),
        leaves.map((l) => l.leaf.streamType),
        leaves.map((l) => l.leaf.streamId),
        leaves.map((l) => l.leaf.streamVersion),
        leaves.map((l) => l.leaf.recordedAt),
        leaves.map((l) => l.leaf.hash),
      ],
    );
    await this.db.query(
      `INSERT INTO "${this.schema}".merkle_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
      [written.map((n) => n.level), written.map((n) => String(n.index)), written.map((n) => n.hash)],
    );
    return { from, to: from + leaves.length };
  }

  /** The leaf index of an event, if it has been sequenced. */
  async leafIndexOf(eventId: string): Promise<number | undefined> {
    const [row] = await this.db.query(`SELECT leaf_index FROM "${this.schema}".merkle_leaves WHERE event_id = $1`, [
      eventId,
    ]);
    return row ? Number(row.leaf_index) : undefined;
  }
}

export class MissingMerkleNodeError extends Error {
  constructor(readonly node: MerkleNodeId) {
    super(
      `the Merkle store has no hash at (level ${node.level}, index ${node.index}): its tables are incomplete or were altered`,
    );
  }
}
