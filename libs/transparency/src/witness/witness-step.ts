import { verifyConsistency } from '../merkle/consistency-proof.verifier';
import { emptyRootHash, sameHash } from '../merkle/merkle-tree.hashing';
import type { NoteVerifier } from '../notes/note-verifier-key';
import { cosignCheckpoint, type WitnessSigner } from '../notes/tlog-cosignature';
import { CheckpointProblem, openSignedCheckpoint, type VerifiedCheckpoint } from './signed-checkpoint.verifier';

/**
 * What a checkpoint that does not extend the one kept looks like:
 * - rewrite: the same size with another root (events already covered were changed);
 * - truncation: a smaller size than one the log signed before (events were removed);
 * - fork: a bigger size whose tree does not have the kept one as its prefix (history before the kept size was
 *   changed, or the log shows different trees to different people).
 */
export type Inconsistency = 'rewrite' | 'truncation' | 'fork';

/** The checkpoint the witness kept does not open with the given log key: another log's state, or another key. */
export class WitnessStateMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessStateMismatch';
  }
}

export interface WitnessStepInput {
  /** The log's verifier key (its name is the origin). */
  readonly logKey: NoteVerifier;
  /** The signed note the witness kept last, or undefined when it has none yet (trust on first use). */
  readonly previousNote?: string;
  /** The latest signed checkpoint the log serves. */
  readonly latestNote: string;
  readonly witness: WitnessSigner;
  /** The cosignature's time, POSIX seconds. */
  readonly now: number;
  /** Fetches the RFC 9162 consistency proof between two sizes; asked only when 0 < from < to. */
  consistencyProof(from: number, to: number): Promise<readonly Uint8Array[]>;
}

interface Cosigned {
  readonly latest: VerifiedCheckpoint;
  /** The log's note with only the log's line and this witness's cosignature line. */
  readonly cosignedNote: string;
  /** The cosignature's line as the signed-note format writes it: `— <witness name> <base64>\n`. */
  readonly cosignatureLine: string;
}

export type WitnessStepResult =
  | ({ readonly kind: 'first_use' } & Cosigned)
  | ({ readonly kind: 'extended'; readonly previous: VerifiedCheckpoint } & Cosigned)
  | ({ readonly kind: 'unchanged'; readonly previous: VerifiedCheckpoint } & Cosigned)
  | {
      readonly kind: 'inconsistent';
      readonly looksLike: Inconsistency;
      readonly previous: VerifiedCheckpoint;
      readonly latest: VerifiedCheckpoint;
      /** Names both sizes and both roots (base64) and what it looks like. */
      readonly message: string;
    };

const b64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

export function describeInconsistency(
  looksLike: Inconsistency,
  previous: VerifiedCheckpoint,
  latest: VerifiedCheckpoint,
): string {
  const what = {
    rewrite: `same size, different root: entries the log had already signed were changed (a REWRITE)`,
    truncation: `the log now signs a smaller tree than it signed before: entries were removed (a TRUNCATION)`,
    fork:
      `the consistency proof ${previous.size} → ${latest.size} does not verify against both roots: the tree of size ` +
      `${previous.size} is not a prefix of the new one (its history was rewritten, or the log shows different trees ` +
      `to different people: a FORK)`,
  }[looksLike];
  return (
    `NOT AN EXTENSION of ${latest.origin}: kept size ${previous.size} root ${b64(previous.rootHash)}, ` +
    `now size ${latest.size} root ${b64(latest.rootHash)}: ${what}`
  );
}

function cosign(latest: VerifiedCheckpoint, witness: WitnessSigner, now: number): Cosigned {
  const cosignedNote = cosignCheckpoint(latest.logNote, witness, now);
  // cosignCheckpoint appends its line after the lines already there, so it is the last one.
  const lines = cosignedNote.slice(0, -1).split('\n');
  return { latest, cosignedNote, cosignatureLine: `${lines[lines.length - 1]}\n` };
}

/**
 * One round of a witness (C2SP tlog-witness's checks, done by pulling): the latest checkpoint must be signed by the
 * log's key for its own origin (else CheckpointProblem), and must extend the checkpoint kept last, proved by an
 * RFC 9162 consistency proof between the two. Only then is it cosigned (C2SP tlog-cosignature v1). Without a kept
 * checkpoint the latest is trusted on first use. Nothing here writes state: the caller keeps a cosigned checkpoint
 * and must leave the kept one untouched on 'inconsistent'.
 */
export async function witnessStep(input: WitnessStepInput): Promise<WitnessStepResult> {
  let kept: VerifiedCheckpoint | undefined;
  if (input.previousNote !== undefined) {
    try {
      kept = openSignedCheckpoint(input.previousNote, input.logKey, 'the kept checkpoint');
    } catch (error) {
      if (!(error instanceof CheckpointProblem)) throw error;
      throw new WitnessStateMismatch(`${error.message} (is --state the state of another log, or was --key changed?)`);
    }
  }
  const latest = openSignedCheckpoint(input.latestNote, input.logKey, 'the latest checkpoint');
  if (kept === undefined) return { kind: 'first_use', ...cosign(latest, input.witness, input.now) };
  const previous = kept;

  const inconsistent = (looksLike: Inconsistency): WitnessStepResult => ({
    kind: 'inconsistent',
    looksLike,
    previous,
    latest,
    message: describeInconsistency(looksLike, previous, latest),
  });
  if (latest.size < previous.size) return inconsistent('truncation');
  if (latest.size === previous.size) {
    if (!sameHash(latest.rootHash, previous.rootHash)) return inconsistent('rewrite');
    return { kind: 'unchanged', previous, ...cosign(latest, input.witness, input.now) };
  }
  // Every tree extends the empty one, whose root is fixed; otherwise the proof must tie both roots together.
  const consistent =
    previous.size === 0
      ? sameHash(previous.rootHash, emptyRootHash())
      : verifyConsistency(
          previous.size,
          latest.size,
          await input.consistencyProof(previous.size, latest.size),
          previous.rootHash,
          latest.rootHash,
        );
  if (!consistent) return inconsistent('fork');
  return { kind: 'extended', previous, ...cosign(latest, input.witness, input.now) };
}
