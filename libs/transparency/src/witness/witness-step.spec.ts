import { consistencyProof } from '../merkle/consistency-proof';
import { InMemoryMerkleTree } from '../merkle/in-memory-merkle-tree';
import { generateNoteKey, parseSignerKey } from '../notes/note-signer-key';
import { parseVerifierKey } from '../notes/note-verifier-key';
import { openNote, signNote } from '../notes/signed-note';
import { formatCheckpoint } from '../notes/tlog-checkpoint';
import {
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from '../notes/tlog-cosignature';
import { MalformedAnswer, parseConsistencyAnswer } from './proof-response.parsing';
import { witnessVerifierKeyOf } from './witness-key';
import { CheckpointProblem } from './signed-checkpoint.verifier';
import { WitnessStateMismatch, witnessStep, type WitnessStepInput } from './witness-step';

const ORIGIN = 'integrity-square.local/road-cases';
const log = generateNoteKey(ORIGIN);
const logSigner = parseSignerKey(log.skey);
const logKey = parseVerifierKey(log.vkey);
const witnessKey = generateWitnessKey('witness.example.org/w1');
const witness = parseWitnessSignerKey(witnessKey.skey);
const NOW = 1_790_000_000;

const leaves = (n: number, altered?: number) =>
  Array.from({ length: n }, (_, i) => Buffer.from(i === altered ? `event ${i} (edited)` : `event ${i}`));
const b64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

function checkpointNote(tree: InMemoryMerkleTree, size: number, signer = logSigner, origin = ORIGIN): string {
  return signNote(formatCheckpoint({ origin, size, rootHash: tree.rootHash(size) }), [signer]);
}

/** A step whose proofs come from `tree`, recording what was asked. */
function step(
  input: Partial<WitnessStepInput> & { latestNote: string },
  tree?: InMemoryMerkleTree,
  tamper?: (proof: Buffer[]) => Buffer[],
) {
  const asked: [number, number][] = [];
  const run = witnessStep({
    logKey,
    witness,
    now: NOW,
    consistencyProof: async (from, to) => {
      asked.push([from, to]);
      if (!tree) throw new Error('no proof expected');
      const proof = await consistencyProof(tree, from, to);
      return tamper ? tamper(proof) : proof;
    },
    ...input,
  });
  return { run, asked };
}

async function problemOf(run: Promise<unknown>): Promise<CheckpointProblem> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckpointProblem);
  return error as CheckpointProblem;
}

describe('witnessStep', () => {
  const tree = InMemoryMerkleTree.of(leaves(9));

  it('trusts the first checkpoint it sees and cosigns it', async () => {
    const { run, asked } = step({ latestNote: checkpointNote(tree, 5) });
    const result = await run;
    expect(result.kind).toBe('first_use');
    expect(asked).toEqual([]);
  });

  it('cosigns a good extension, after verifying the consistency proof between the two sizes', async () => {
    const { run, asked } = step({ previousNote: checkpointNote(tree, 5), latestNote: checkpointNote(tree, 9) }, tree);
    const result = await run;
    expect(asked).toEqual([[5, 9]]);
    if (result.kind !== 'extended') throw new Error(`expected extended, got ${result.kind}`);
    expect([result.previous.size, result.latest.size]).toEqual([5, 9]);
    const cosigned = verifyCosignature(result.cosignedNote, parseWitnessVerifierKey(witnessKey.vkey));
    expect(cosigned.time).toBe(NOW);
    expect([cosigned.checkpoint.size, b64(cosigned.checkpoint.rootHash)]).toEqual([9, b64(tree.rootHash(9))]);
    // The line the witness posts is the note's last line, in the signed-note format.
    expect(result.cosignatureLine).toMatch(/^\u2014 witness\.example\.org\/w1 [A-Za-z0-9+/=]+\n$/);
    expect(result.cosignedNote.endsWith(result.cosignatureLine)).toBe(true);
    expect(openNote(result.cosignedNote, [logKey]).verified).toHaveLength(1);
  });

  it("keeps only the log's line and its own in the note it cosigns, whatever else the log served", async () => {
    const other = generateWitnessKey('other.example/w');
    const served = cosignCheckpoint(checkpointNote(tree, 9), parseWitnessSignerKey(other.skey), NOW - 60);
    const result = await step({ previousNote: checkpointNote(tree, 5), latestNote: served }, tree).run;
    if (result.kind !== 'extended') throw new Error(`expected extended, got ${result.kind}`);
    const names = result.cosignedNote
      .trimEnd()
      .split('\n')
      .slice(-2)
      .map((line) => line.split(' ')[1]);
    expect(names).toEqual([ORIGIN, 'witness.example.org/w1']);
    expect(result.latest.note).toBe(served);
  });

  it('accepts the same size with the same root as unchanged, without asking for a proof', async () => {
    const { run, asked } = step({ previousNote: checkpointNote(tree, 9), latestNote: checkpointNote(tree, 9) });
    expect((await run).kind).toBe('unchanged');
    expect(asked).toEqual([]);
  });

  it('calls the same size with a different root a rewrite, naming both roots', async () => {
    const rewritten = InMemoryMerkleTree.of(leaves(9, 3));
    const result = await step({ previousNote: checkpointNote(tree, 9), latestNote: checkpointNote(rewritten, 9) }).run;
    if (result.kind !== 'inconsistent') throw new Error(`expected inconsistent, got ${result.kind}`);
    expect(result.looksLike).toBe('rewrite');
    expect(result.message).toContain(`kept size 9 root ${b64(tree.rootHash(9))}`);
    expect(result.message).toContain(`now size 9 root ${b64(rewritten.rootHash(9))}`);
    expect(result.message).toContain('REWRITE');
  });

  it('calls a smaller size a truncation, naming both sizes and roots', async () => {
    const { run, asked } = step({ previousNote: checkpointNote(tree, 9), latestNote: checkpointNote(tree, 5) });
    const result = await run;
    if (result.kind !== 'inconsistent') throw new Error(`expected inconsistent, got ${result.kind}`);
    expect(result.looksLike).toBe('truncation');
    expect(result.message).toContain(
      `kept size 9 root ${b64(tree.rootHash(9))}, now size 5 root ${b64(tree.rootHash(5))}`,
    );
    expect(asked).toEqual([]);
  });

  it('calls a bigger tree a fork when the proof has a flipped bit', async () => {
    const flip = (proof: Buffer[]) =>
      proof.map((hash, i) => (i === 1 ? Buffer.from(hash.map((byte, j) => (j === 0 ? byte ^ 0x01 : byte))) : hash));
    const result = await step(
      { previousNote: checkpointNote(tree, 5), latestNote: checkpointNote(tree, 9) },
      tree,
      flip,
    ).run;
    if (result.kind !== 'inconsistent') throw new Error(`expected inconsistent, got ${result.kind}`);
    expect(result.looksLike).toBe('fork');
    expect(result.message).toContain(
      `kept size 5 root ${b64(tree.rootHash(5))}, now size 9 root ${b64(tree.rootHash(9))}`,
    );
    expect(result.message).toContain('FORK');
  });

  it('calls a bigger tree a fork when a short proof is served', async () => {
    const result = await step(
      { previousNote: checkpointNote(tree, 5), latestNote: checkpointNote(tree, 9) },
      tree,
      (p) => p.slice(0, -1),
    ).run;
    expect(result.kind === 'inconsistent' && result.looksLike).toBe('fork');
  });

  it('calls a bigger tree a fork when history before the kept size was rewritten, even with its own honest proof', async () => {
    const forked = InMemoryMerkleTree.of(leaves(12, 2));
    const result = await step({ previousNote: checkpointNote(tree, 5), latestNote: checkpointNote(forked, 12) }, forked)
      .run;
    if (result.kind !== 'inconsistent') throw new Error(`expected inconsistent, got ${result.kind}`);
    expect(result.looksLike).toBe('fork');
    expect(result.message).toContain(
      `kept size 5 root ${b64(tree.rootHash(5))}, now size 12 root ${b64(forked.rootHash(12))}`,
    );
  });

  it('extends a kept empty tree only if its root was the empty root', async () => {
    const empty = new InMemoryMerkleTree();
    expect((await step({ previousNote: checkpointNote(empty, 0), latestNote: checkpointNote(tree, 9) }).run).kind).toBe(
      'extended',
    );
    const fakeEmpty = signNote(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: tree.rootHash(1) }), [logSigner]);
    const result = await step({ previousNote: fakeEmpty, latestNote: checkpointNote(tree, 9) }).run;
    expect(result.kind === 'inconsistent' && result.looksLike).toBe('fork');
  });

  it('refuses a checkpoint whose text was changed after signing: bad signature', async () => {
    const note = checkpointNote(tree, 9);
    const edited = note.replace(b64(tree.rootHash(9)), b64(tree.rootHash(8)));
    const problem = await problemOf(step({ previousNote: checkpointNote(tree, 5), latestNote: edited }).run);
    expect(problem.kind).toBe('bad_signature');
    expect(problem.message).toContain('BAD SIGNATURE');
  });

  it('refuses a checkpoint signed by another key of the same name', async () => {
    const impostor = parseSignerKey(generateNoteKey(ORIGIN).skey);
    const problem = await problemOf(
      step({ previousNote: checkpointNote(tree, 5), latestNote: checkpointNote(tree, 9, impostor) }).run,
    );
    expect(problem.kind).toBe('bad_signature');
    expect(problem.message).toContain('another key of the same name');
  });

  it("refuses a checkpoint signed by the log's key for another origin", async () => {
    const problem = await problemOf(
      step({ latestNote: checkpointNote(tree, 9, logSigner, 'integrity-square.local/fines') }).run,
    );
    expect(problem.kind).toBe('wrong_origin');
    expect(problem.message).toContain('"integrity-square.local/fines"');
  });

  it("refuses a kept checkpoint that is not this log's as a state mismatch", async () => {
    const otherLog = parseSignerKey(generateNoteKey('integrity-square.local/fines').skey);
    const run = step({
      previousNote: checkpointNote(tree, 5, otherLog, 'integrity-square.local/fines'),
      latestNote: checkpointNote(tree, 9),
    }).run;
    await expect(run).rejects.toBeInstanceOf(WitnessStateMismatch);
  });
});

describe('parseConsistencyAnswer', () => {
  const hash = Buffer.alloc(32, 7).toString('base64');

  it('reads the hashes of the sizes asked for', () => {
    expect(parseConsistencyAnswer({ from: 5, to: 9, hashes: [hash] }, 5, 9)).toEqual([Buffer.alloc(32, 7)]);
  });

  it('refuses a proof between other sizes, a short hash and non-canonical base64', () => {
    expect(() => parseConsistencyAnswer({ from: 4, to: 9, hashes: [hash] }, 5, 9)).toThrow(MalformedAnswer);
    expect(() =>
      parseConsistencyAnswer({ from: 5, to: 9, hashes: [Buffer.alloc(31).toString('base64')] }, 5, 9),
    ).toThrow(/hashes\[0\]/);
    expect(() => parseConsistencyAnswer({ from: 5, to: 9, hashes: [hash.replace(/=$/, '')] }, 5, 9)).toThrow(
      MalformedAnswer,
    );
    expect(() => parseConsistencyAnswer({ from: '5', to: 9, hashes: [] }, 5, 9)).toThrow(MalformedAnswer);
  });
});

describe('witnessVerifierKeyOf', () => {
  it("gives the witness skey's own vkey, and refuses a plain note key", () => {
    expect(witnessVerifierKeyOf(witnessKey.skey)).toBe(witnessKey.vkey);
    expect(() => witnessVerifierKeyOf(log.skey)).toThrow(/not accepted here/);
  });
});
