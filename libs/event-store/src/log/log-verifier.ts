import { InMemoryMerkleTree, rootHash as storedRootHash, sameHash } from '@app/transparency';
import { eventLeafHash, type EventLeaf } from './event-leaf';
import type { Queryable } from '@app/platform';
import { PostgresMerkleStore } from './postgres-merkle-store';

export type LogProblemKind =
  /** The event's content (its hash) differs from what the checkpoint's leaf committed to. */
  | 'altered'
  /** An event the checkpoint proves is not in the database: a stream is shorter than the checkpoint proves. */
  | 'missing'
  /** Every event of a stream the checkpoint proves is gone. */
  | 'stream_gone'
  /** The event sits at another stream version than its leaf says. */
  | 'reordered'
  /** Its recorded time (what ?asOf= reads) was moved. */
  | 'time_moved'
  /** An event at a stream version the checkpoint already covers, that no leaf of the checkpoint holds. */
  | 'inserted'
  /** The Merkle tables no longer hash to the signed root (they were rewritten, or are incomplete). */
  | 'tree_rewritten'
  /** The Merkle log holds fewer leaves than the checkpoint proves. */
  | 'tree_truncated';

export interface LogProblem {
  kind: LogProblemKind;
  streamId?: string;
  streamVersion?: number;
  eventId?: string;
  leafIndex?: number;
  detail: string;
}

/** A checkpoint the caller trusts: verified against the log's key (and, better, cosigned by a witness). */
export interface TrustedTreeHead {
  size: number;
  rootHash: Uint8Array;
}

export interface LogVerificationReport {
  ok: boolean;
  treeSize: number;
  leavesChecked: number;
  streamsChecked: number;
  /** Events after the checkpoint (not yet proved by it): not checked here. */
  eventsAfterCheckpoint: number;
  problems: LogProblem[];
}

interface LeafRow {
  leaf_index: string;
  event_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  recorded_at: Date;
  event_hash: string;
  node_hash: Buffer | null;
  e_id: string | null;
  e_type: string | null;
  e_stream: string | null;
  e_version: number | null;
  e_recorded: Date | null;
  e_hash: string | null;
}

const BATCH = 5000;
const iso = (d: Date) => d.toISOString();

/**
 * Checks a service's database against a signed checkpoint: every leaf it proves present, equal to the event row it
 * names, and the whole tree hashing to the signed root. Names each stream that is wrong and how. When the Merkle
 * tables themselves were rewritten to match, the root alone shows it; older signed checkpoints (`history`) then
 * narrow it to the leaves between two of them, whose streams are named.
 */
export class LogVerifier {
  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
  ) {}

  async verify(
    trusted: TrustedTreeHead,
    options: { history?: TrustedTreeHead[]; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<LogVerificationReport> {
    const s = `"${this.schema}"`;
    const problems: LogProblem[] = [];
    const tree = new InMemoryMerkleTree();
    const streams = new Map<
      string,
      { proved: number; present: number; maxVersion: number; versions: Map<number, number>; firstMissing?: LogProblem }
    >();
    const leafStreams: string[] = [];
    let expected = 0;
    for (let from = 0; from < trusted.size; from += BATCH) {
      const to = Math.min(from + BATCH, trusted.size);
      const rows: LeafRow[] = await this.db.query(
        `SELECT l.leaf_index, l.event_id, l.stream_type, l.stream_id, l.stream_version, l.recorded_at, l.event_hash, n.hash AS node_hash,
                e.event_id AS e_id, e.stream_type AS e_type, e.stream_id AS e_stream, e.stream_version AS e_version,
                e.recorded_at AS e_recorded, e.hash AS e_hash
           FROM ${s}.merkle_leaves l
           LEFT JOIN ${s}.merkle_nodes n ON n.level = 0 AND n.node_index = l.leaf_index
           LEFT JOIN ${s}.events e ON e.event_id = l.event_id
          WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index`,
        [from, to],
      );
      for (const row of rows) {
        const index = Number(row.leaf_index);
        if (index !== expected) break;
        expected++;
        const recorded: EventLeaf = {
          eventId: row.event_id,
          streamType: row.stream_type,
          streamId: row.stream_id,
          streamVersion: Number(row.stream_version),
          recordedAt: iso(row.recorded_at),
          hash: row.event_hash.trim(),
        };
        const recordedHash = eventLeafHash(recorded);
        // The tree is rebuilt from the stored leaf hashes; a leaf row that no longer hashes to its node is a rewrite.
        const node = row.node_hash ?? recordedHash;
        tree.appendLeafHash(node);
        leafStreams.push(row.stream_id);
        if (!row.node_hash || !sameHash(node, recordedHash)) {
          problems.push({
            kind: 'tree_rewritten',
            ...at(recorded, index),
            detail: `leaf ${index}'s record (stream ${recorded.streamId} version ${recorded.streamVersion}) does not hash to the leaf hash stored for it: the Merkle tables were edited`,
          });
        }
        const stream = streams.get(recorded.streamId) ?? {
          proved: 0,
          present: 0,
          maxVersion: 0,
          versions: new Map<number, number>(),
        };
        streams.set(recorded.streamId, stream);
        stream.proved++;
        const earlier = stream.versions.get(recorded.streamVersion);
        if (earlier !== undefined) {
          // The log was extended with a second event at a version it already held: appended after rows were removed or moved.
          problems.push({
            kind: 'inserted',
            ...at(recorded, index),
            detail: `leaf ${index} is version ${recorded.streamVersion} of stream ${recorded.streamId} (event ${recorded.eventId}), a version leaf ${earlier} already holds: it was inserted`,
          });
        }
        stream.versions.set(recorded.streamVersion, index);
        stream.maxVersion = Math.max(stream.maxVersion, recorded.streamVersion);
        if (row.e_id === null) {
          stream.firstMissing ??= {
            kind: 'missing',
            ...at(recorded, index),
            detail: `stream ${recorded.streamId} is shorter than the checkpoint proves: version ${recorded.streamVersion} (event ${recorded.eventId}, leaf ${index}) is gone`,
          };
          continue;
        }
        stream.present++;
        problems.push(...this.compare(recorded, row, index));
      }
      options.onProgress?.(expected, trusted.size);
      if (expected < to) break;
    }
    if (expected < trusted.size) {
      problems.push({
        kind: 'tree_truncated',
        leafIndex: expected,
        detail: `the Merkle log holds ${expected} leaves in order; the checkpoint proves ${trusted.size}`,
      });
    }
    for (const [streamId, stream] of streams) {
      if (stream.present === 0) {
        problems.push({
          kind: 'stream_gone',
          streamId,
          detail: `stream ${streamId} is gone: the checkpoint proves ${stream.proved} event(s) of it, the database holds none`,
        });
      } else if (stream.firstMissing) {
        problems.push(stream.firstMissing);
      }
    }
    if (expected === trusted.size)
      problems.push(...(await this.checkRoots(tree, trusted, options.history ?? [], leafStreams)));
    problems.push(...(await this.insertedEvents(trusted.size, streams)));
    const [{ after }] = await this.db.query(
      `SELECT count(*)::int AS after FROM ${s}.events e LEFT JOIN ${s}.merkle_leaves l USING (event_id) WHERE l.leaf_index IS NULL OR l.leaf_index >= $1`,
      [trusted.size],
    );
    const inserted = problems.filter((p) => p.kind === 'inserted').length;
    return {
      ok: problems.length === 0,
      treeSize: trusted.size,
      leavesChecked: expected,
      streamsChecked: streams.size,
      eventsAfterCheckpoint: after - inserted,
      problems: firstPerStreamAndKind(problems),
    };
  }

  /** How the event row differs from what its leaf committed to. */
  private compare(recorded: EventLeaf, row: LeafRow, index: number): LogProblem[] {
    const current: EventLeaf = {
      eventId: row.e_id!,
      streamType: row.e_type!,
      streamId: row.e_stream!,
      streamVersion: Number(row.e_version),
      recordedAt: iso(row.e_recorded!),
      hash: row.e_hash!,
    };
    if (sameHash(eventLeafHash(current), eventLeafHash(recorded))) return [];
    const where = at(recorded, index);
    const found: LogProblem[] = [];
    if (current.streamId !== recorded.streamId || current.streamVersion !== recorded.streamVersion) {
      found.push({
        kind: 'reordered',
        ...where,
        detail: `event ${recorded.eventId} was version ${recorded.streamVersion} of stream ${recorded.streamId}; it is now version ${current.streamVersion} of ${current.streamId}`,
      });
    }
    if (current.recordedAt !== recorded.recordedAt) {
      found.push({
        kind: 'time_moved',
        ...where,
        detail: `stream ${recorded.streamId} version ${recorded.streamVersion}: recorded at ${recorded.recordedAt} when checkpointed, now ${current.recordedAt}`,
      });
    }
    if (current.hash !== recorded.hash || current.streamType !== recorded.streamType) {
      found.push({
        kind: 'altered',
        ...where,
        detail: `stream ${recorded.streamId} version ${recorded.streamVersion} (event ${recorded.eventId}) is not the event the checkpoint proves: its hash was ${recorded.hash}, it is now ${current.hash}`,
      });
    }
    return found;
  }

  /** The signed root against the stored leaves and against the stored subtrees; older checkpoints localise a rewrite. */
  private async checkRoots(
    tree: InMemoryMerkleTree,
    trusted: TrustedTreeHead,
    history: TrustedTreeHead[],
    leafStreams: string[],
  ): Promise<LogProblem[]> {
    const fromLeaves = tree.rootHash(trusted.size);
    const problems: LogProblem[] = [];
    if (!sameHash(fromLeaves, trusted.rootHash)) {
      const heads = [...history, trusted].filter((h) => h.size <= trusted.size).sort((a, b) => a.size - b.size);
      let previous = 0;
      const first = heads.find((h) => {
        const differs = !sameHash(tree.rootHash(h.size), h.rootHash);
        if (!differs) previous = h.size;
        return differs;
      })!;
      const suspects = [...new Set(leafStreams.slice(previous, first.size))];
      problems.push({
        kind: 'tree_rewritten',
        ...(suspects.length === 1 ? { streamId: suspects[0] } : {}),
        detail:
          `the stored leaves hash to ${Buffer.from(fromLeaves).toString('base64')}, not the signed root ${Buffer.from(trusted.rootHash).toString('base64')} of ${trusted.size} leaves: ` +
          `the Merkle tables were rewritten; the first signed checkpoint they disagree with is of size ${first.size} (the last they match: ${previous}), ` +
          `so leaves ${previous}..${first.size - 1} were changed; they now belong to stream(s) ${suspects.join(', ')}`,
      });
    }
    const fromNodes = await storedRootHash(new PostgresMerkleStore(this.db, this.schema), trusted.size).catch(
      (error: Error) => error,
    );
    if (fromNodes instanceof Error || !sameHash(fromNodes, fromLeaves)) {
      problems.push({
        kind: 'tree_rewritten',
        detail: `the stored subtree hashes do not fold to the root of the stored leaves (${fromNodes instanceof Error ? fromNodes.message : fromNodes.toString('base64')}): proofs served from them would not verify`,
      });
    }
    return problems;
  }

  /** Events at versions the checkpoint already covers for their stream, that are not its leaves. */
  private async insertedEvents(size: number, streams: Map<string, { maxVersion: number }>): Promise<LogProblem[]> {
    const s = `"${this.schema}"`;
    const rows: { event_id: string; stream_id: string; stream_version: number; leaf_index: string | null }[] =
      await this.db.query(
        `SELECT e.event_id, e.stream_id, e.stream_version, l.leaf_index FROM ${s}.events e LEFT JOIN ${s}.merkle_leaves l USING (event_id)
        WHERE l.leaf_index IS NULL OR l.leaf_index >= $1 ORDER BY e.stream_id, e.stream_version`,
        [size],
      );
    return rows
      .filter((r) => Number(r.stream_version) <= (streams.get(r.stream_id)?.maxVersion ?? 0))
      .map((r) => ({
        kind: 'inserted' as const,
        streamId: r.stream_id,
        streamVersion: Number(r.stream_version),
        eventId: r.event_id,
        detail: `stream ${r.stream_id} version ${r.stream_version} (event ${r.event_id}) is not among the checkpoint's leaves, though the checkpoint covers that stream to version ${streams.get(r.stream_id)!.maxVersion}: it was inserted`,
      }));
  }
}

function at(leaf: EventLeaf, leafIndex: number) {
  return { streamId: leaf.streamId, streamVersion: leaf.streamVersion, eventId: leaf.eventId, leafIndex };
}

/** One problem per stream and kind (the first): a re-chained stream would otherwise list every later event. */
function firstPerStreamAndKind(problems: LogProblem[]): LogProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.kind}\u0000${p.streamId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
