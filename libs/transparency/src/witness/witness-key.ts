import { SIGNATURE_TYPE_COSIGNATURE_V1 } from '../notes/note-key-id';
import { decodeSignerKey } from '../notes/note-signer-key';
import { encodeVerifierKey } from '../notes/note-verifier-key';

/** The vkey (type 0x04) of a witness skey: what the witness publishes, and posts with each cosignature. */
export function witnessVerifierKeyOf(skey: string): string {
  const { name, publicKey } = decodeSignerKey(skey, SIGNATURE_TYPE_COSIGNATURE_V1);
  return encodeVerifierKey(name, SIGNATURE_TYPE_COSIGNATURE_V1, publicKey);
}
