import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  CheckpointIssuer,
  createLogSequencer,
  EventStore,
  LogCheckpoints,
  PostgresMerkleStore,
  SEQUENCER_NAME,
} from '@app/event-store';
import {
  consistencyProof,
  generateNoteKey,
  inclusionProof,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  rootHash,
} from '@app/transparency';
import {
  createEventStoreFixture,
  eventually,
  referenceConsistencyProof,
  rewriteMerkleNodes,
  referenceInclusionPath,
  referenceLeafHash,
  referenceRoot,
  type EventStoreFixture,
} from '@app/testing';
import type { EventLeafRow } from '../../support/event-leaf-rows';
import { tallyCommand } from '../../support/tally.decider';

// The Merkle log in Postgres: the sequencer appends every event as a leaf in commit-safe order, exactly once, across a
// leadership change; roots and proofs from the stored subtrees agree byte for byte with an independent reading of
// RFC 9162; checkpoints are C2SP signed notes that verify with the log's vkey; a rewritten tree is refused a signature.
/**
 * C2SP signed-note and tlog-checkpoint read from the specs, sharing no code with @app/transparency: the vkey is
 * <name>+<hex key hash>+base64(0x01 || Ed25519 public key), the key hash the first 4 bytes of
 * SHA-256(name || "\n" || 0x01 || public key); the signed message is the text through the newline before the blank
 * line; a signature line is "— <name> base64(key hash || signature)"; the text is origin, size, base64 root.
 */
function independentlyVerified(note: string, vkey: string): { origin: string; size: number; root: string } | string {
  // The base64 may itself hold "+": the name ends at the first, the hash is the next 8 hex digits.
  const match = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(vkey);
  if (!match) return 'not a vkey';
  const [, name, hashHex, keyB64] = match;
  const keyBytes = Buffer.from(keyB64, 'base64');
  if (keyBytes[0] !== 0x01 || keyBytes.length !== 33) return 'not an Ed25519 vkey';
  const publicKey = keyBytes.subarray(1);
  const keyHash = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(0x01), publicKey]))
    .digest()
    .subarray(0, 4);
  if (keyHash.toString('hex') !== hashHex) return 'key hash does not match';
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const line = note
    .slice(split + 2)
    .split('\n')
    .find((l) => l.startsWith(`\u2014 ${name} `));
  if (!line) return 'no signature line by the key';
  const sig = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
  if (!sig.subarray(0, 4).equals(keyHash)) return 'signature names another key';
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  const ok = verify(
    null,
    Buffer.from(text),
    createPublicKey({ key: spki, format: 'der', type: 'spki' }),
    sig.subarray(4),
  );
  if (!ok) return 'signature does not verify';
  const [origin, size, root] = text.split('\n');
  return { origin, size: Number(size), root };
}

describe('the Merkle log over the events (real Postgres)', () => {
  let fx: EventStoreFixture;
  const key = generateNoteKey('integrity-square.test/tally');
  const metadata = tallyCommand('CountTally', { by: 1 }).metadata;

  beforeAll(async () => {
    fx = await createEventStoreFixture('merkle_log');
  });
  afterAll(() => fx?.close());

  async function appendStreams(store: EventStore, streams: number, perStream: number, tag: string): Promise<void> {
    await Promise.all(
      Array.from({ length: streams }, async (_, s) => {
        for (let v = 0; v < perStream; v++) {
          await store.appendToStream({
            streamType: 'Tally',
            streamId: `${tag}-${s}`,
            expectedVersion: v,
            metadata,
            events: [{ type: 'TallyCounted', data: { by: v } }],
          });
        }
      }),
    );
  }

  /** Leaf hashes recomputed here from the rows, by the documented leaf format, in the order the log put them. */
  async function expectedLeaves(): Promise<Buffer[]> {
    const rows: EventLeafRow[] = await fx.dataSource.query(
      `SELECT e.event_id, e.stream_type, e.stream_id, e.stream_version, e.recorded_at, e.hash
           FROM "${fx.schema}".merkle_leaves l JOIN "${fx.schema}".events e USING (event_id) ORDER BY l.leaf_index`,
    );
    return rows.map((r) =>
      referenceLeafHash(
        Buffer.from(
          `{"eventId":"${r.event_id}","streamType":"${r.stream_type}","streamId":"${r.stream_id}","streamVersion":${r.stream_version},` +
            `"recordedAt":"${r.recorded_at.toISOString()}","hash":"${r.hash}"}`,
        ),
      ),
    );
  }

  it('sequences every event once, in commit order, across a change of leader, with roots and proofs as RFC 9162 defines them', async () => {
    const merkle = new PostgresMerkleStore(fx.dataSource, fx.schema);
    await appendStreams(fx.store, 6, 8, 'a');
    const first = createLogSequencer(fx.store, undefined);
    expect(await first.drain()).toBe(48);
    // A second leader (another instance, after the first died) continues where the first stopped.
    await appendStreams(fx.store, 5, 7, 'b');
    const second = createLogSequencer(fx.store, undefined);
    expect(await second.drain()).toBe(35);
    expect(await first.drain()).toBe(0);

    const [{ events, leaves, distinct }] = await fx.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${fx.schema}".events) AS events, count(*)::int AS leaves, count(DISTINCT event_id)::int AS distinct
         FROM "${fx.schema}".merkle_leaves`,
    );
    expect({ events, leaves, distinct }).toEqual({ events: 83, leaves: 83, distinct: 83 });
    // Commit-safe order: the order the outbox relay reads (transaction id, then position).
    const order: { ok: boolean }[] = await fx.dataSource.query(
      `SELECT bool_and(ok) AS ok FROM (
         SELECT (e.transaction_id, e.global_position) > lag((e.transaction_id, e.global_position)) OVER (ORDER BY l.leaf_index) IS NOT FALSE AS ok
           FROM "${fx.schema}".merkle_leaves l JOIN "${fx.schema}".events e USING (event_id)) x`,
    );
    expect(order[0].ok).toBe(true);

    const leafHashes = await expectedLeaves();
    expect(await merkle.leafCount()).toBe(83);
    for (const size of [1, 2, 3, 7, 8, 31, 48, 64, 83]) {
      const d = leafHashes.slice(0, size);
      expect((await rootHash(merkle, size)).toString('hex')).toBe(referenceRoot(d).toString('hex'));
      for (const m of [0, Math.floor(size / 3), size - 1]) {
        expect((await inclusionProof(merkle, m, size)).map((h) => h.toString('hex'))).toEqual(
          referenceInclusionPath(d, m).map((h) => h.toString('hex')),
        );
        expect((await consistencyProof(merkle, m, size)).map((h) => h.toString('hex'))).toEqual(
          referenceConsistencyProof(d, m).map((h) => h.toString('hex')),
        );
      }
    }
    const [{ rows }] = await fx.dataSource.query(`SELECT count(*)::int AS rows FROM "${fx.schema}".merkle_nodes`);
    // 83 leaves and the subtrees they complete: 2n - popcount(n) rows.
    expect(rows).toBe(2 * 83 - 4);
  });

  it('signs checkpoints as C2SP signed notes over the tree, only when it grew, and refuses to sign a rewritten tree', async () => {
    const merkle = new PostgresMerkleStore(fx.dataSource, fx.schema);
    const checkpoints = new LogCheckpoints(fx.dataSource, fx.schema);
    const mismatches: unknown[] = [];
    const published: number[] = [];
    const issuer = new CheckpointIssuer({
      schema: fx.schema,
      signer: parseSignerKey(key.skey),
      intervalMs: 0,
      onMismatch: (m) => mismatches.push(m),
      publish: async (c) => void published.push(c.size),
    });
    // Ticked by hand here; a running sequencer ticks it on every poll.
    const sequencer = createLogSequencer(fx.store, undefined);
    await sequencer.drain();
    const size = await merkle.leafCount();
    const checkpoint = await issuer.tick(fx.dataSource, true);
    expect(checkpoint?.size).toBe(size);
    // Nothing new: no second checkpoint of the same tree.
    expect(await issuer.tick(fx.dataSource, true)).toBeUndefined();

    expect(independentlyVerified(checkpoint!.note, key.vkey)).toEqual({
      origin: 'integrity-square.test/tally',
      size,
      root: referenceRoot(await expectedLeaves()).toString('base64'),
    });
    // The same reading refuses the note once one byte of its text changed.
    expect(independentlyVerified(checkpoint!.note.replace(`\n${size}\n`, `\n${size + 1}\n`), key.vkey)).toBe(
      'signature does not verify',
    );
    const opened = openNote(checkpoint!.note, [parseVerifierKey(key.vkey)]);
    const body = parseCheckpoint(opened.text);
    expect(body.origin).toBe('integrity-square.test/tally');
    expect(body.size).toBe(size);
    expect(Buffer.from(body.rootHash).toString('hex')).toBe(referenceRoot(await expectedLeaves()).toString('hex'));
    expect((await checkpoints.latest())?.note).toBe(checkpoint!.note);
    expect(published).toEqual([size]);

    // The tree grows: the next checkpoint extends the last.
    await appendStreams(fx.store, 2, 3, 'c');
    await sequencer.drain();
    const next = await issuer.tick(fx.dataSource, true);
    expect(next?.size).toBe(size + 6);

    // An insider rewrites one leaf and every subtree above it to match: the issuer will not lend the key to that tree.
    const leaves = await expectedLeaves();
    leaves[3] = referenceLeafHash(Buffer.from('a forged leaf'));
    await rewriteMerkleNodes(fx.dataSource, fx.schema, leaves);
    await appendStreams(fx.store, 1, 2, 'd');
    await sequencer.drain();
    expect(await issuer.tick(fx.dataSource, true)).toBeUndefined();
    expect(mismatches.at(-1)).toMatchObject({ size: size + 6 });
    expect((await checkpoints.latest())?.size).toBe(size + 6);
  });

  it('hands the sequencing over when the leader dies (its connection killed): every event once, leaves contiguous', async () => {
    const merkle = new PostgresMerkleStore(fx.dataSource, fx.schema);
    const stores = [
      new EventStore(await fx.openDataSource(3), fx.schema),
      new EventStore(await fx.openDataSource(3), fx.schema),
    ];
    const sequencers = stores.map((store) => createLogSequencer(store, undefined, { idleMs: 50 }));
    sequencers.forEach((s) => s.start());
    const total = async () =>
      Number((await fx.dataSource.query(`SELECT count(*)::int AS n FROM "${fx.schema}".events`))[0].n);
    try {
      await appendStreams(fx.store, 4, 5, 'e');
      const before = await total();
      await eventually(
        () => merkle.leafCount(),
        (n) => n === before,
        { what: 'all sequenced', timeoutMs: 20_000 },
      );
      // Postgres drops a dead process's session lock: kill the leader's backend as a crash would.
      const killed = await fx.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(killed.length).toBeGreaterThanOrEqual(1);
      await appendStreams(fx.store, 4, 5, 'f');
      const expected = await total();
      await eventually(
        () => merkle.leafCount(),
        (n) => n >= expected,
        { what: 'sequenced after the takeover', timeoutMs: 30_000 },
      );
      const [row] = await fx.dataSource.query(
        `SELECT count(*)::int AS leaves, count(DISTINCT event_id)::int AS distinct, max(leaf_index)::int AS last,
                (SELECT count(*)::int FROM "${fx.schema}".events e WHERE NOT EXISTS (SELECT 1 FROM "${fx.schema}".merkle_leaves l WHERE l.event_id = e.event_id)) AS unsequenced
           FROM "${fx.schema}".merkle_leaves`,
      );
      expect(row).toEqual({ leaves: expected, distinct: expected, last: expected - 1, unsequenced: 0 });
    } finally {
      await Promise.all(sequencers.map((s) => s.stop()));
    }
  }, 60_000);

  it('keeps its tables append-only, and its leadership under the sequencer name', async () => {
    await expect(fx.dataSource.query(`DELETE FROM "${fx.schema}".merkle_leaves`)).rejects.toThrow(/append-only/);
    await expect(fx.dataSource.query(`UPDATE "${fx.schema}".log_checkpoints SET note = ''`)).rejects.toThrow(
      /append-only/,
    );
    const [row] = await fx.dataSource.query(`SELECT name FROM "${fx.schema}".projection_checkpoints WHERE name = $1`, [
      SEQUENCER_NAME,
    ]);
    expect(row?.name).toBe(SEQUENCER_NAME);
  });
});
