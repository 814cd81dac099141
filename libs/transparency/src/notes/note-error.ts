// One error class for the notes code, told apart by code, so a caller can map "bad input" and "bad signature" to
// different answers without matching on message text.
export type NoteErrorCode =
  | 'malformed_note' // not a signed note by the C2SP grammar
  | 'unverified_note' // well formed, but no signature by a known key
  | 'invalid_signature' // a known key's signature does not verify: the whole note is refused
  | 'ambiguous_key' // two configured verifiers share both name and key ID
  | 'malformed_key' // a vkey or skey that is not of the form <name>+<hex id>+<base64>
  | 'unknown_algorithm' // a key whose signature type byte this code does not implement
  | 'key_id_mismatch' // the key ID in the key string is not the one its name and public key give
  | 'invalid_signer' // a signer whose name could not appear in a signature line
  | 'malformed_checkpoint'
  | 'missing_cosignature';

export class NoteError extends Error {
  constructor(
    readonly code: NoteErrorCode,
    message: string,
    /** For unverified_note only: what parsed, so a caller may inspect (never trust) it, as Go's UnverifiedNoteError. */
    readonly unverified?: { text: string; signatures: readonly { name: string; keyId: number; base64: string }[] },
  ) {
    super(message);
    this.name = 'NoteError';
  }
}
