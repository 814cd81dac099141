import { decodeBase64 } from './note-base64';
import { NoteError } from './note-error';
import { isValidKeyName } from './note-key-name';

const HEX_KEY_ID = /^[0-9a-f]{8}$/;

/** A note key's fields: its name, its key ID as written, and its material (the type byte, then the key bytes). */
export interface NoteKeyFields {
  readonly name: string;
  readonly hex: string;
  readonly type: number;
  readonly key: Buffer;
}

/**
 * `<name>+<hex key ID>+<base64(type || key)>`, the form a vkey has and an skey has after its `prefix`, split at the
 * first two pluses only (names have none; base64 may). `kind` and `prefix` name the key in its errors; whether the ID
 * is the key's is the caller's to check, once it has the public key.
 */
export function splitNoteKey(text: string, kind: 'signer' | 'verifier', prefix = ''): NoteKeyFields {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('malformed_key', `a ${kind} key is ${prefix}<name>+<hex id>+<base64 key>`);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const material = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name) || !HEX_KEY_ID.test(hex) || material === undefined || material.length === 0) {
    throw new NoteError('malformed_key', `malformed ${kind} key`);
  }
  return { name, hex, type: material[0], key: material.subarray(1) };
}
