import { isMerkleHash } from './merkle-tree.hashing';

/** A proof as it may arrive from outside: anything but an array of 32-byte hashes is refused, never hashed. */
export function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isMerkleHash);
}

// The RFC's LSB(x) and "right-shift" as arithmetic: JavaScript's bit operators are 32-bit, tree sizes are not.
export const lsb = (x: number): boolean => x % 2 === 1;
export const shiftRight = (x: number): number => Math.floor(x / 2);
