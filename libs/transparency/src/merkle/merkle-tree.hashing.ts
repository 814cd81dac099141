import { createHash } from 'node:crypto';

// RFC 9162 §2.1.1 with SHA-256. The one-byte prefixes are domain separation: without them an interior node
// (left || right) could be passed off as a 64-byte leaf, a second preimage that forges inclusion.

/** Every hash of a SHA-256 tree is 32 bytes; verifiers refuse anything else rather than hash it. */
export const MERKLE_HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** SHA-256(0x01 || left || right): the hash of an interior node over two subtree hashes. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** MTH({}) = SHA-256 of the empty string. A fresh Buffer each call, as a shared one could be mutated by a caller. */
export function emptyRootHash(): Buffer {
  return createHash('sha256').digest();
}

/** A 32-byte Uint8Array (Buffer included): what every hash taken from outside is checked to be. */
export function isMerkleHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === MERKLE_HASH_SIZE;
}

/** Byte equality of two hashes (public values, so no constant-time compare is needed). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
