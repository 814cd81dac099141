import { generateKeyPairSync } from 'node:crypto';
import { encodeBase64 } from './note-base64';
import { NoteError } from './note-error';
import { keyIdHex, noteKeyId, SIGNATURE_TYPE_ED25519 } from './note-key-id';
import { splitNoteKey } from './note-key-fields';
import { isValidKeyName } from './note-key-name';
import { encodeVerifierKey } from './note-verifier-key';
import { ED25519_KEY_SIZE, ed25519PrivateKey, ed25519Sign, rawPublicKeyOf, rawSeedOf } from './ed25519-raw-key';

/** What signNote needs of a key: the (name, key ID) for the line, and the signature bytes over a text. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** The signature without the key ID; signNote prefixes that. */
  sign(text: Uint8Array): Uint8Array;
}

export interface DecodedSignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly seed: Buffer;
  readonly publicKey: Buffer;
}

// The literal prefix keeps a private key from ever being mistaken for (or pasted as) a vkey.
const PRIVATE_PREFIX = 'PRIVATE+KEY+';

/** `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || 32-byte seed)>`; the ID is of the public key, as in the vkey. */
export function encodeSignerKey(name: string, type: number, seed: Uint8Array, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', 'invalid key name');
  const keyMaterial = Buffer.concat([Buffer.from([type]), seed]);
  return `${PRIVATE_PREFIX}${name}+${keyIdHex(noteKeyId(name, type, publicKey))}+${encodeBase64(keyMaterial)}`;
}

/** The ID can only be checked after deriving the public key from the seed, as Go's NewSigner does. */
export function decodeSignerKey(skey: string, expectedType: number): DecodedSignerKey {
  if (!skey.startsWith(PRIVATE_PREFIX)) throw new NoteError('malformed_key', 'a signer key starts with PRIVATE+KEY+');
  const { name, hex, type, key: seed } = splitNoteKey(skey.slice(PRIVATE_PREFIX.length), 'signer', PRIVATE_PREFIX);
  if (type !== expectedType)
    throw new NoteError(
      'unknown_algorithm',
      `signature type 0x${type.toString(16).padStart(2, '0')} not accepted here`,
    );
  if (seed.length !== ED25519_KEY_SIZE) throw new NoteError('malformed_key', 'an Ed25519 seed is 32 bytes');
  const publicKey = rawPublicKeyOf(ed25519PrivateKey(seed));
  const keyId = Number.parseInt(hex, 16);
  if (keyId !== noteKeyId(name, type, publicKey))
    throw new NoteError('key_id_mismatch', 'signer key ID does not match its key');
  return { name, keyId, type, seed, publicKey };
}

/** An Ed25519 (type 0x01) skey as a signer of plain note signatures (RFC 8032 over the note text). */
export function parseSignerKey(skey: string): NoteSigner {
  const { name, keyId, seed } = decodeSignerKey(skey, SIGNATURE_TYPE_ED25519);
  const key = ed25519PrivateKey(seed);
  return { name, keyId, sign: (text) => ed25519Sign(key, text) };
}

/** A fresh Ed25519 key pair of the given signature type, as the skey to keep secret and the vkey to publish. */
export function generateEd25519Key(name: string, type: number): { skey: string; vkey: string } {
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', 'invalid key name');
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = rawSeedOf(privateKey);
  const publicKey = rawPublicKeyOf(privateKey);
  return { skey: encodeSignerKey(name, type, seed, publicKey), vkey: encodeVerifierKey(name, type, publicKey) };
}

/** A new note key (Ed25519, type 0x01), as Go's note.GenerateKey. */
export function generateNoteKey(name: string): { skey: string; vkey: string } {
  return generateEd25519Key(name, SIGNATURE_TYPE_ED25519);
}
