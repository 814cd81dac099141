import { encodeBase64 } from './note-base64';
import { NoteError } from './note-error';
import { keyIdHex, noteKeyId, SIGNATURE_TYPE_ED25519 } from './note-key-id';
import { splitNoteKey } from './note-key-fields';
import { isValidKeyName } from './note-key-name';
import { ED25519_KEY_SIZE, ed25519PublicKey, ed25519Verify } from './ed25519-raw-key';

/** What openNote needs of a known key: the (name, key ID) it answers to, and a check of one signature on a text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** `signature` is the decoded signature with the 4-byte key ID already taken off. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface DecodedVerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Buffer;
}

/** `<name>+<hex key ID>+<base64(type || public key)>`, the vkey form of C2SP signed-note and Go's note package. */
export function encodeVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', 'invalid key name');
  const keyMaterial = Buffer.concat([Buffer.from([type]), publicKey]);
  return `${name}+${keyIdHex(noteKeyId(name, type, publicKey))}+${encodeBase64(keyMaterial)}`;
}

/**
 * Splits at the first two pluses only (names have none; base64 may), then insists the key ID is the one the name,
 * type and key give: a vkey whose ID was edited would otherwise pair a signature line with the wrong key.
 */
export function decodeVerifierKey(vkey: string, expectedType: number, keySize: number): DecodedVerifierKey {
  const { name, hex, type, key: publicKey } = splitNoteKey(vkey, 'verifier');
  const keyId = Number.parseInt(hex, 16);
  if (keyId !== noteKeyId(name, type, publicKey))
    throw new NoteError('key_id_mismatch', 'verifier key ID does not match its key');
  if (type !== expectedType)
    throw new NoteError(
      'unknown_algorithm',
      `signature type 0x${type.toString(16).padStart(2, '0')} not accepted here`,
    );
  if (publicKey.length !== keySize) throw new NoteError('malformed_key', 'wrong public key length');
  return { name, keyId, type, publicKey };
}

/** An Ed25519 (type 0x01) vkey as a verifier of plain note signatures. */
export function parseVerifierKey(vkey: string): NoteVerifier & { readonly publicKey: Buffer } {
  const { name, keyId, publicKey } = decodeVerifierKey(vkey, SIGNATURE_TYPE_ED25519, ED25519_KEY_SIZE);
  const key = ed25519PublicKey(publicKey);
  return { name, keyId, publicKey, verify: (text, signature) => ed25519Verify(key, text, signature) };
}

/** The vkey of a raw 32-byte Ed25519 public key, as Go's NewEd25519VerifierKey. */
export function ed25519VerifierKey(name: string, publicKey: Uint8Array): string {
  if (publicKey.length !== ED25519_KEY_SIZE) throw new NoteError('malformed_key', 'an Ed25519 public key is 32 bytes');
  return encodeVerifierKey(name, SIGNATURE_TYPE_ED25519, publicKey);
}
