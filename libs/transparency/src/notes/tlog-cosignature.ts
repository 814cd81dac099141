import { decodeBase64 } from './note-base64';
import { NoteError } from './note-error';
import { SIGNATURE_TYPE_COSIGNATURE_V1 } from './note-key-id';
import { decodeSignerKey, generateEd25519Key, type NoteSigner } from './note-signer-key';
import { decodeVerifierKey, type NoteVerifier } from './note-verifier-key';
import { addNoteSignatures, openNote, splitNote, type NoteSignature } from './signed-note';
import { parseCheckpoint, type Checkpoint } from './tlog-checkpoint';
import {
  ED25519_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
} from './ed25519-raw-key';

// C2SP tlog-cosignature, Ed25519 cosignature/v1 (signature type 0x04). The line's bytes after the key ID are
// timestamped_signature: u64 big-endian POSIX seconds, then the 64-byte Ed25519 signature.
const TIMESTAMP_SIZE = 8;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** A cosigner's key: signs a checkpoint text at a stated time. */
export interface WitnessSigner {
  readonly name: string;
  readonly keyId: number;
  /** timestamp (8 bytes, big-endian) || Ed25519 signature over the cosignature/v1 message. */
  cosign(text: Uint8Array, time: number): Uint8Array;
}

export type WitnessVerifier = NoteVerifier & { readonly publicKey: Buffer };

/**
 * The signed message: the header line, the time line (decimal, no leading zeros), then the whole checkpoint body.
 * The header is the domain separation that keeps a cosignature from being read as a plain note signature.
 */
function cosignatureMessage(text: Uint8Array, time: bigint): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${time.toString(10)}\n`, 'utf8'), text]);
}

function checkTime(time: number): bigint {
  if (!Number.isSafeInteger(time) || time < 0)
    throw new NoteError('invalid_signer', 'time must be whole non-negative POSIX seconds');
  return BigInt(time);
}

/** A new witness key: Ed25519, type 0x04, so its key ID differs from the same key used as a plain note key. */
export function generateWitnessKey(name: string): { skey: string; vkey: string } {
  return generateEd25519Key(name, SIGNATURE_TYPE_COSIGNATURE_V1);
}

export function parseWitnessSignerKey(skey: string): WitnessSigner {
  const { name, keyId, seed } = decodeSignerKey(skey, SIGNATURE_TYPE_COSIGNATURE_V1);
  const key = ed25519PrivateKey(seed);
  return {
    name,
    keyId,
    cosign(text, time) {
      const timestamp = checkTime(time);
      const stamp = Buffer.alloc(TIMESTAMP_SIZE);
      stamp.writeBigUInt64BE(timestamp);
      return Buffer.concat([stamp, ed25519Sign(key, cosignatureMessage(text, timestamp))]);
    },
  };
}

/** A type 0x04 vkey as a verifier openNote can use alongside the log's own key. */
export function parseWitnessVerifierKey(vkey: string): WitnessVerifier {
  const { name, keyId, publicKey } = decodeVerifierKey(vkey, SIGNATURE_TYPE_COSIGNATURE_V1, ED25519_KEY_SIZE);
  const key = ed25519PublicKey(publicKey);
  return {
    name,
    keyId,
    publicKey,
    verify(text, signature) {
      if (signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return false;
      const bytes = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
      const timestamp = bytes.readBigUInt64BE(0);
      if (timestamp > MAX_TIMESTAMP) return false; // the spec's bound; such a line is no cosignature
      return ed25519Verify(key, cosignatureMessage(text, timestamp), bytes.subarray(TIMESTAMP_SIZE));
    },
  };
}

/**
 * Adds the witness's cosignature line to a signed checkpoint, after the lines already there. Checks only that the
 * text is a checkpoint: a witness must already have verified the log's signature and the consistency proof.
 */
export function cosignCheckpoint(
  checkpointNote: Uint8Array | string,
  witnessSigner: WitnessSigner,
  time: number,
): string {
  checkTime(time);
  parseCheckpoint(splitNote(checkpointNote).text.toString('utf8'));
  const lineSigner: NoteSigner = {
    name: witnessSigner.name,
    keyId: witnessSigner.keyId,
    sign: (text) => witnessSigner.cosign(text, time),
  };
  return addNoteSignatures(checkpointNote, [lineSigner]);
}

/**
 * Verifies one witness's cosignature on a signed checkpoint and returns the checkpoint and the time it states.
 * Other lines (the log's, other witnesses') are left to openNote with their own keys.
 */
export function verifyCosignature(
  checkpointNote: Uint8Array | string,
  witnessVerifier: WitnessVerifier,
): { checkpoint: Checkpoint; time: number; signature: NoteSignature } {
  let opened;
  try {
    opened = openNote(checkpointNote, [witnessVerifier]);
  } catch (error) {
    if (error instanceof NoteError && error.code === 'unverified_note') {
      throw new NoteError('missing_cosignature', `no cosignature by ${witnessVerifier.name}`);
    }
    throw error;
  }
  const signature = opened.verified[0];
  const timestamp = decodeBase64(signature.base64)!.readBigUInt64BE(4);
  // Verifiers MAY refuse future times; past 2^53 - 1 seconds it is that, and a JS number would round it.
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER))
    throw new NoteError('invalid_signature', 'cosignature time out of range');
  return { checkpoint: parseCheckpoint(opened.text), time: Number(timestamp), signature };
}
