import { keyIdHex } from '../notes/note-key-id';
import { NoteError } from '../notes/note-error';
import type { NoteVerifier } from '../notes/note-verifier-key';
import { openNote } from '../notes/signed-note';
import { parseCheckpoint } from '../notes/tlog-checkpoint';

/**
 * Why a signed checkpoint was refused. bad_signature and wrong_origin are evidence against the log (or whoever
 * answered in its name); malformed is a note that is not a checkpoint at all.
 */
export type CheckpointProblemKind = 'bad_signature' | 'wrong_origin' | 'malformed';

export class CheckpointProblem extends Error {
  constructor(
    readonly kind: CheckpointProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointProblem';
  }
}

/** A checkpoint whose note verified with the log's key and whose origin is that key's name. */
export interface VerifiedCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Buffer;
  /** The signed note exactly as received (the log's line and any cosignatures). */
  readonly note: string;
  /** The same note with the log's own signature line only: what a witness cosigns and keeps. */
  readonly logNote: string;
}

/** `name+hex id`: how messages name a key. */
export function keyLabel(key: { readonly name: string; readonly keyId: number }): string {
  return `${key.name}+${keyIdHex(key.keyId)}`;
}

/**
 * Opens a C2SP signed checkpoint with the log's verifier key: the note must carry a valid signature by exactly that
 * key (name and key ID), its text must be a tlog-checkpoint, and the checkpoint's origin must be the key's name
 * (a log's key signs its own origin only). Other lines (witness cosignatures) are neither checked nor trusted.
 * `what` names the note in messages ("the latest checkpoint", "the receipt's checkpoint").
 */
export function openSignedCheckpoint(note: string, logKey: NoteVerifier, what = 'the checkpoint'): VerifiedCheckpoint {
  let text: string;
  let logLine: string;
  try {
    const opened = openNote(note, [logKey]);
    text = opened.text;
    logLine = `\u2014 ${opened.verified[0].name} ${opened.verified[0].base64}\n`;
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    if (error.code === 'invalid_signature') {
      throw new CheckpointProblem(
        'bad_signature',
        `${what}: BAD SIGNATURE: the line by ${keyLabel(logKey)} does not verify over its text`,
      );
    }
    if (error.code === 'unverified_note') {
      const lines = error.unverified?.signatures ?? [];
      const sameName = lines.filter((s) => s.name === logKey.name);
      const found =
        lines.length === 0 ? 'no signature lines' : `signature lines by ${lines.map((s) => keyLabel(s)).join(', ')}`;
      throw new CheckpointProblem(
        'bad_signature',
        sameName.length > 0
          ? `${what}: signed by another key of the same name (${sameName.map((s) => keyLabel(s)).join(', ')}), not by --key ${keyLabel(logKey)}`
          : `${what}: not signed by the log's key ${keyLabel(logKey)} (${found})`,
      );
    }
    throw new CheckpointProblem('malformed', `${what}: ${error.message}`);
  }
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    throw new CheckpointProblem('malformed', `${what}: ${error.message}`);
  }
  if (checkpoint.origin !== logKey.name) {
    throw new CheckpointProblem(
      'wrong_origin',
      `${what}: WRONG ORIGIN "${checkpoint.origin}": the log's key is named "${logKey.name}"`,
    );
  }
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: Buffer.from(checkpoint.rootHash),
    note,
    logNote: `${text}\n${logLine}`,
  };
}
