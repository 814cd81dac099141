import { createHash } from 'node:crypto';

// The assigned C2SP signed-note signature type bytes this library implements.
export const SIGNATURE_TYPE_ED25519 = 0x01;
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

/**
 * key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], read big-endian. Binding the type byte in
 * means one Ed25519 key used as a note key (0x01) and as a cosigner key (0x04) gets two different IDs.
 */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** The fixed-length lowercase hex the vkey and skey strings carry. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}
