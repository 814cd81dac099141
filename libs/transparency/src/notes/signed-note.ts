import { decodeBase64, encodeBase64 } from './note-base64';
import { NoteError } from './note-error';
import { keyIdHex } from './note-key-id';
import { isValidKeyName } from './note-key-name';
import type { NoteSigner } from './note-signer-key';
import type { NoteVerifier } from './note-verifier-key';

/** One signature line: the key it names, and the base64 of key ID || signature exactly as it appeared. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

export interface OpenedNote {
  readonly text: string;
  /** Signatures by known keys, each verified. */
  readonly verified: NoteSignature[];
  /** Signatures by keys not given: parsed, not checked, and carrying no weight. */
  readonly unverified: NoteSignature[];
}

const NEWLINE = 0x0a;
const SIGNATURE_PREFIX = Buffer.from('\u2014 ', 'utf8'); // em dash, space
// The spec's floor is 16; Go allows 100. A bound at all keeps a hostile note from costing unbounded verifications.
export const MAX_NOTE_SIGNATURES = 100;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(why: string): NoteError {
  return new NoteError('malformed_note', `malformed note: ${why}`);
}

/** Valid UTF-8 and no C0 control other than newline, over the whole note (text and signature lines alike). */
function checkCharacters(bytes: Uint8Array): void {
  try {
    utf8.decode(bytes);
  } catch {
    throw malformed('not valid UTF-8');
  }
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== NEWLINE) throw malformed('control character');
  }
}

function toBytes(note: Uint8Array | string): Uint8Array {
  if (typeof note !== 'string') return note;
  // Buffer.from would turn a lone surrogate into U+FFFD silently; such a string is not UTF-8 text at all.
  if (/\p{Surrogate}/u.test(note)) throw malformed('not valid UTF-8');
  return Buffer.from(note, 'utf8');
}

/**
 * The structure of a signed note without any verification: the text (through its final newline) and the signature
 * lines after the last blank line. Exported for witnesses that must re-emit a note; never act on its text.
 */
export function splitNote(note: Uint8Array | string): { text: Buffer; signatures: NoteSignature[] } {
  const bytes = Buffer.from(toBytes(note));
  checkCharacters(bytes);
  // The text may itself hold blank lines; the signature block starts after the LAST one.
  const split = bytes.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = bytes.subarray(0, split + 1);
  let block = bytes.subarray(split + 2);
  if (block.length === 0 || block[block.length - 1] !== NEWLINE)
    throw malformed('signature block must end in a newline');
  const signatures: NoteSignature[] = [];
  while (block.length > 0) {
    const end = block.indexOf(NEWLINE);
    const line = block.subarray(0, end);
    block = block.subarray(end + 1);
    if (!line.subarray(0, SIGNATURE_PREFIX.length).equals(SIGNATURE_PREFIX))
      throw malformed('a signature line starts with an em dash and a space');
    const rest = line.subarray(SIGNATURE_PREFIX.length).toString('utf8');
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const base64 = space < 0 ? '' : rest.slice(space + 1);
    const raw = decodeBase64(base64);
    // At least a key ID and one signature byte; the signature's own length is the algorithm's business.
    if (!isValidKeyName(name) || base64 === '' || raw === undefined || raw.length < 5)
      throw malformed('bad signature line');
    if (signatures.length === MAX_NOTE_SIGNATURES) throw malformed('too many signatures');
    signatures.push({ name, keyId: raw.readUInt32BE(0), base64 });
  }
  return { text, signatures };
}

function lookUp(verifiers: readonly NoteVerifier[], name: string, keyId: number): NoteVerifier | undefined {
  const matches = verifiers.filter((v) => v.name === name && v.keyId === keyId);
  // Two keys answering to one (name, ID) means the trust configuration itself is wrong: refuse rather than pick.
  if (matches.length > 1) throw new NoteError('ambiguous_key', `ambiguous key ${name}+${keyIdHex(keyId)}`);
  return matches[0];
}

/**
 * Opens a signed note (C2SP signed-note): a signature is looked up by BOTH name and key ID; an unknown key's
 * signature is kept as unverified and ignored; a known key's signature that fails refuses the whole note; a note
 * with no verified signature is refused. Duplicate lines are dropped as Go's note.Open drops them.
 */
export function openNote(note: Uint8Array | string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = splitNote(note);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKeys = new Set<string>();
  const seenUnverifiedLines = new Set<string>();
  for (const signature of signatures) {
    const verifier = lookUp(verifiers, signature.name, signature.keyId);
    if (verifier === undefined) {
      const line = `${signature.name} ${signature.base64}`;
      if (!seenUnverifiedLines.has(line)) unverified.push(signature);
      seenUnverifiedLines.add(line);
      continue;
    }
    const key = `${signature.name}+${keyIdHex(signature.keyId)}`;
    if (seenKeys.has(key)) continue; // one verdict per known key
    seenKeys.add(key);
    const raw = decodeBase64(signature.base64)!; // splitNote checked it decodes
    if (!verifier.verify(text, raw.subarray(4)))
      throw new NoteError('invalid_signature', `invalid signature for key ${key}`);
    verified.push(signature);
  }
  const opened = { text: text.toString('utf8'), verified, unverified };
  if (verified.length === 0) {
    throw new NoteError('unverified_note', 'note has no verifiable signatures', {
      text: opened.text,
      signatures: unverified,
    });
  }
  return opened;
}

function signatureLine(signer: NoteSigner, text: Buffer): string {
  if (!isValidKeyName(signer.name)) throw new NoteError('invalid_signer', 'invalid signer name');
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId >>> 0);
  return `\u2014 ${signer.name} ${encodeBase64(Buffer.concat([id, signer.sign(text)]))}\n`;
}

function checkText(text: string): Buffer {
  if (!text.endsWith('\n')) throw malformed('text must end in a newline');
  const bytes = Buffer.from(toBytes(text));
  // Refuse to write what openNote would refuse to read.
  checkCharacters(bytes);
  return bytes;
}

/** Signs a text with each signer in turn: text, blank line, one signature line per signer in the given order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const bytes = checkText(text);
  if (signers.length === 0) throw new NoteError('invalid_signer', 'a signed note needs at least one signature');
  return text + '\n' + signers.map((signer) => signatureLine(signer, bytes)).join('');
}

/**
 * Adds signatures to an already signed note, keeping its existing lines first (as Go's note.Sign does) but dropping
 * any existing line by the same name and key ID as a new signer: re-signing replaces, never duplicates.
 * Verifies nothing: a witness checks the log's signature with openNote before it adds its own.
 */
export function addNoteSignatures(note: Uint8Array | string, signers: readonly NoteSigner[]): string {
  const { text, signatures } = splitNote(note);
  const replaced = new Set(signers.map((s) => `${s.name}+${keyIdHex(s.keyId)}`));
  const kept = signatures.filter((s) => !replaced.has(`${s.name}+${keyIdHex(s.keyId)}`));
  const lines =
    kept.map((s) => `\u2014 ${s.name} ${s.base64}\n`).join('') + signers.map((s) => signatureLine(s, text)).join('');
  return text.toString('utf8') + '\n' + lines;
}
