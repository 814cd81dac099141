import { thrownBy } from '@app/domain-kernel/testing';
import {
  CheckpointProblem,
  consistencyProof,
  formatCheckpoint,
  generateNoteKey,
  inclusionProof,
  InMemoryMerkleTree,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from '@app/transparency';
import { eventLeafData, type EventLeaf } from '../log/event-leaf';
import {
  checkReceipt,
  checkStillInLog,
  NOT_YET_COVERED,
  parseReceipt,
  ReceiptProblem,
  RECEIPT_FORMAT,
  type EventReceipt,
  type LogNow,
} from './event-receipt.checker';

const ORIGIN = 'integrity-square.local/road-cases';
const log = generateNoteKey(ORIGIN);
const logSigner = parseSignerKey(log.skey);
const logKey = parseVerifierKey(log.vkey);

function leafAt(i: number): EventLeaf {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    streamType: 'road-case',
    streamId: `case-${i % 3}`,
    streamVersion: Math.floor(i / 3) + 1,
    recordedAt: new Date(Date.UTC(2026, 11, 1, 12, 0, i)).toISOString(),
    hash: (i.toString(16).padStart(2, '0') + 'ab').repeat(16),
  };
}

/** The service's log: events' leaves in a tree, checkpoints signed by its key, receipts as the API serves them. */
class FakeLog {
  readonly leaves: EventLeaf[];
  readonly tree: InMemoryMerkleTree;

  constructor(n: number, edit?: { index: number; leaf: Partial<EventLeaf> }) {
    this.leaves = Array.from({ length: n }, (_, i) => (edit?.index === i ? { ...leafAt(i), ...edit.leaf } : leafAt(i)));
    this.tree = InMemoryMerkleTree.of(this.leaves.map(eventLeafData));
  }

  checkpoint(size: number, signer = logSigner, origin = ORIGIN): string {
    return signNote(formatCheckpoint({ origin, size, rootHash: this.tree.rootHash(size) }), [signer]);
  }

  async receipt(index: number, size: number): Promise<EventReceipt> {
    const proof = await inclusionProof(this.tree, index, size);
    return {
      format: RECEIPT_FORMAT,
      service: 'road-cases',
      leaf: this.leaves[index],
      leafIndex: index,
      treeSize: size,
      inclusion: proof.map((h) => h.toString('base64')),
      checkpoint: this.checkpoint(size),
    };
  }

  /** What an online check sees of this log, its current receipts proved at `receiptSize`. */
  now(latestSize: number, receiptSize = latestSize): LogNow & { asked: [number, number][] } {
    const asked: [number, number][] = [];
    return {
      asked,
      latestNote: this.checkpoint(latestSize),
      consistencyProof: async (from, to) => (asked.push([from, to]), consistencyProof(this.tree, from, to)),
      currentReceipt: async (eventId) => {
        const index = this.leaves.findIndex((l) => l.eventId === eventId);
        return index < 0 ? undefined : JSON.parse(JSON.stringify(await this.receipt(index, receiptSize)));
      },
    };
  }
}

const flipBit = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[5] ^= 0x10;
  return bytes.toString('base64');
};

function thrown(run: () => unknown): Error {
  return thrownBy(run) as Error;
}

describe('checkReceipt (offline)', () => {
  const service = new FakeLog(11);

  it('accepts a receipt of the service, as JSON round-trips it', async () => {
    const receipt = parseReceipt(JSON.parse(JSON.stringify(await service.receipt(6, 9))));
    const checked = checkReceipt(receipt, logKey);
    expect([checked.checkpoint.origin, checked.checkpoint.size, checked.receipt.leafIndex]).toEqual([ORIGIN, 9, 6]);
    expect(checked.checkpoint.rootHash).toEqual(service.tree.rootHash(9));
  });

  it.each<[keyof EventLeaf, unknown]>([
    ['eventId', '00000000-0000-4000-8000-000000000099'],
    ['streamType', 'fine'],
    ['streamId', 'case-9'],
    ['streamVersion', 4],
    ['recordedAt', '2026-12-01T12:00:07.000Z'],
    ['hash', 'ff'.repeat(32)],
  ])('refuses the receipt when leaf.%s was altered', async (field, value) => {
    const receipt = await service.receipt(6, 9);
    const altered = { ...receipt, leaf: { ...receipt.leaf, [field]: value } };
    const error = thrown(() => checkReceipt(parseReceipt(altered), logKey));
    expect(error).toBeInstanceOf(ReceiptProblem);
    expect(error.message).toContain('does NOT prove inclusion');
  });

  it('refuses a flipped bit in one hash of the inclusion proof', async () => {
    const receipt = await service.receipt(6, 9);
    for (let i = 0; i < receipt.inclusion.length; i++) {
      const inclusion = receipt.inclusion.map((h, j) => (j === i ? flipBit(h) : h));
      expect(thrown(() => checkReceipt({ ...receipt, inclusion }, logKey)).message).toContain(
        'does NOT prove inclusion',
      );
    }
  });

  it("refuses the proof of leaf i checked against another checkpoint (its size and root, or another tree's)", async () => {
    const receipt = await service.receipt(6, 9);
    // Proof of size 9 with the checkpoint of size 10 (and the treeSize claimed to match it).
    expect(
      thrown(() => checkReceipt({ ...receipt, treeSize: 10, checkpoint: service.checkpoint(10) }, logKey)).message,
    ).toContain('does NOT prove inclusion');
    // The same size from a log whose leaf 2 differs.
    const other = new FakeLog(11, { index: 2, leaf: { streamVersion: 7 } });
    expect(thrown(() => checkReceipt({ ...receipt, checkpoint: other.checkpoint(9) }, logKey)).message).toContain(
      'does NOT prove inclusion',
    );
  });

  it("refuses a proof moved to another leaf's index", async () => {
    const receipt = await service.receipt(6, 9);
    expect(thrown(() => checkReceipt({ ...receipt, leafIndex: 7 }, logKey)).message).toContain('at index 7');
  });

  it("refuses a tree size that is not the checkpoint's", async () => {
    const receipt = await service.receipt(6, 9);
    expect(thrown(() => checkReceipt({ ...receipt, treeSize: 10 }, logKey)).message).toContain(
      'claims tree size 10, but its signed checkpoint is of size 9',
    );
  });

  it('refuses a checkpoint not signed by the key, or with a changed root, or of another origin', async () => {
    const receipt = await service.receipt(6, 9);
    const impostor = parseSignerKey(generateNoteKey(ORIGIN).skey);
    const bad = thrown(() => checkReceipt({ ...receipt, checkpoint: service.checkpoint(9, impostor) }, logKey));
    expect([bad instanceof CheckpointProblem && bad.kind, bad.message]).toEqual([
      'bad_signature',
      expect.stringContaining('another key of the same name'),
    ]);

    const edited = receipt.checkpoint.replace(
      service.tree.rootHash(9).toString('base64'),
      service.tree.rootHash(8).toString('base64'),
    );
    expect(thrown(() => checkReceipt({ ...receipt, checkpoint: edited }, logKey))).toMatchObject({
      kind: 'bad_signature',
    });

    const elsewhere = thrown(() =>
      checkReceipt(
        { ...receipt, checkpoint: service.checkpoint(9, logSigner, 'integrity-square.local/fines') },
        logKey,
      ),
    );
    expect(elsewhere).toMatchObject({ kind: 'wrong_origin' });
  });

  it("refuses a receipt whose service is not its checkpoint's log", async () => {
    const receipt = await service.receipt(6, 9);
    expect(thrown(() => checkReceipt({ ...receipt, service: 'fines' }, logKey)).message).toContain(
      'for service "fines"',
    );
  });

  it('refuses what is not a v1 receipt, naming the field', async () => {
    const receipt = JSON.parse(JSON.stringify(await service.receipt(6, 9)));
    expect(() => parseReceipt({ ...receipt, format: 'v0' })).toThrow(/format is "v0"/);
    expect(() => parseReceipt({ ...receipt, leafIndex: '6' })).toThrow(/leafIndex/);
    expect(() => parseReceipt({ ...receipt, inclusion: ['AAAA'] })).toThrow(/inclusion/);
    expect(() => parseReceipt({ ...receipt, leaf: { ...receipt.leaf, streamVersion: '3' } })).toThrow(
      /leaf\.streamVersion/,
    );
    expect(() => parseReceipt({ ...receipt, leaf: { ...receipt.leaf, recordedAt: '2026-12-01T12:00:07Z' } })).toThrow(
      /leaf\.recordedAt/,
    );
    expect(() =>
      parseReceipt({ ...receipt, leaf: { ...receipt.leaf, hash: receipt.leaf.hash.toUpperCase() } }),
    ).toThrow(/leaf\.hash/);
  });
});

describe('checkStillInLog (online)', () => {
  const service = new FakeLog(11);

  it('passes while the log extends the receipt and still has the same leaf at the same index', async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const now = service.now(11, 9);
    const result = await checkStillInLog(checked, logKey, now);
    expect(result.problems).toEqual([]);
    expect(result.latest.size).toBe(11);
    expect(now.asked).toEqual([
      [9, 11],
      [9, 11],
    ]);
  });

  it('fails a receipt saved before a rewrite: the new tree does not extend it, and the leaf differs, by field', async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const rewritten = new FakeLog(11, {
      index: 6,
      leaf: { streamId: 'case-x', recordedAt: '2026-11-30T00:00:00.000Z' },
    });
    const { problems } = await checkStillInLog(checked, logKey, rewritten.now(11));
    expect(problems).toEqual([
      expect.stringContaining('NOT AN EXTENSION: the latest checkpoint (size 11'),
      'leaf.streamId differs: the receipt has "case-0", the log now has "case-x"',
      'leaf.recordedAt differs: the receipt has "2026-12-01T12:00:06.000Z", the log now has "2026-11-30T00:00:00.000Z"',
    ]);
  });

  it("fails when an earlier event was rewritten, though this event's leaf is unchanged", async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const rewritten = new FakeLog(11, { index: 1, leaf: { hash: 'cd'.repeat(32) } });
    const { problems } = await checkStillInLog(checked, logKey, rewritten.now(11));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `does not extend the receipt's (size 9, root ${service.tree.rootHash(9).toString('base64')})`,
    );
  });

  it('fails a rewrite at the same size, and a truncation', async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const rewritten = new FakeLog(9, { index: 3, leaf: { streamVersion: 9 } });
    expect((await checkStillInLog(checked, logKey, rewritten.now(9))).problems[0]).toContain('NOT AN EXTENSION');
    const truncated = new FakeLog(5);
    expect((await checkStillInLog(checked, logKey, truncated.now(5))).problems).toEqual([
      expect.stringContaining("TRUNCATION: the log's latest checkpoint is of size 5"),
      expect.stringContaining('the log no longer has a receipt for event'),
    ]);
  });

  it('fails when the leaf moved to another index', async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const moved = new FakeLog(11);
    [moved.leaves[6], moved.leaves[7]] = [moved.leaves[7], moved.leaves[6]];
    const tree = InMemoryMerkleTree.of(moved.leaves.map(eventLeafData));
    Object.assign(moved, { tree });
    const { problems } = await checkStillInLog(checked, logKey, moved.now(11));
    expect(problems).toContain('leaf index differs: the receipt has 6, the log now has 7');
  });

  it("fails when the log's current receipt does not verify, or is missing", async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const now = service.now(11);
    const broken: LogNow = {
      ...now,
      currentReceipt: async (id) => {
        const r = (await now.currentReceipt(id)) as EventReceipt;
        return { ...r, inclusion: [flipBit(r.inclusion[0]), ...r.inclusion.slice(1)] };
      },
    };
    expect((await checkStillInLog(checked, logKey, broken)).problems).toEqual([
      expect.stringContaining("the log's current receipt does NOT prove inclusion"),
    ]);
    const gone: LogNow = { ...now, currentReceipt: async () => undefined };
    expect((await checkStillInLog(checked, logKey, gone)).problems).toEqual([
      expect.stringContaining('no longer has a receipt'),
    ]);
    const uncovered: LogNow = { ...now, currentReceipt: async () => NOT_YET_COVERED };
    expect((await checkStillInLog(checked, logKey, uncovered)).problems).toEqual([
      expect.stringContaining('no checkpoint covers event'),
    ]);
  });

  it("fails when the current receipt's checkpoint is a fork of the latest", async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const fork = new FakeLog(10, { index: 8, leaf: { streamType: 'fine' } });
    const now = service.now(11);
    const forked: LogNow = {
      ...now,
      currentReceipt: async () => JSON.parse(JSON.stringify(await fork.receipt(6, 10))),
    };
    expect((await checkStillInLog(checked, logKey, forked)).problems).toEqual([
      expect.stringContaining('not consistent with its latest (size 11'),
    ]);
  });

  it("throws when the latest checkpoint is not the log's", async () => {
    const checked = checkReceipt(await service.receipt(6, 9), logKey);
    const impostor = parseSignerKey(generateNoteKey(ORIGIN).skey);
    const now = { ...service.now(11), latestNote: service.checkpoint(11, impostor) };
    await expect(checkStillInLog(checked, logKey, now)).rejects.toBeInstanceOf(CheckpointProblem);
  });
});
