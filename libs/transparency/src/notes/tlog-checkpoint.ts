import { decodeBase64, encodeBase64 } from './note-base64';
import { NoteError } from './note-error';

/** A log's tree head as C2SP tlog-checkpoint carries it in a signed note's text. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  /** The RFC 6962 / RFC 9162 root hash: SHA-256, so exactly 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Opaque, each non-empty; not recommended (monitors cannot audit them), but part of the signed text. */
  readonly extensions?: readonly string[];
}

const ROOT_HASH_SIZE = 32;
// Decimal, no sign, no leading zero unless the whole size is 0: "007" and "+7" are other texts for the same tree.
const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;
// A line must survive inside a signed note: no newline, no other C0 control, no lone surrogate (not UTF-8).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_IN_A_LINE = /[\u0000-\u001f\p{Surrogate}]/u;

function bad(why: string): NoteError {
  return new NoteError('malformed_checkpoint', `malformed checkpoint: ${why}`);
}

function checkLine(line: string, what: string): void {
  if (line.length === 0) throw bad(`${what} is empty`);
  if (NOT_IN_A_LINE.test(line)) throw bad(`${what} has a control character or is not UTF-8`);
}

// Sizes are JS numbers: a tree past 2^53 - 1 leaves is refused rather than silently rounded to a neighbour.
function checkSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw bad('tree size must be a non-negative safe integer');
}

/** The checkpoint body: origin, decimal tree size, base64 root hash, then any extension lines, each newline-ended. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  checkLine(checkpoint.origin, 'origin');
  checkSize(checkpoint.size);
  if (checkpoint.rootHash.length !== ROOT_HASH_SIZE) throw bad('root hash must be 32 bytes');
  const extensions = checkpoint.extensions ?? [];
  extensions.forEach((line) => checkLine(line, 'extension line'));
  return [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.rootHash), ...extensions]
    .map((l) => `${l}\n`)
    .join('');
}

/** Parses a checkpoint body (a note's text, already verified), refusing every text formatCheckpoint would not write. */
export function parseCheckpoint(text: string): Checkpoint & { readonly extensions: readonly string[] } {
  if (!text.endsWith('\n')) throw bad('text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad('at least origin, tree size and root hash lines');
  const [origin, sizeText, hashText, ...extensions] = lines;
  checkLine(origin, 'origin');
  if (!TREE_SIZE.test(sizeText)) throw bad('tree size must be decimal without leading zeros');
  const size = Number(sizeText);
  checkSize(size);
  const rootHash = decodeBase64(hashText);
  if (rootHash === undefined || rootHash.length !== ROOT_HASH_SIZE)
    throw bad('root hash must be the base64 of 32 bytes');
  extensions.forEach((line) => checkLine(line, 'extension line'));
  return { origin, size, rootHash, extensions };
}
