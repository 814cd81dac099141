import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Ed25519 keys of the envelope signatures, in the two one-line forms configuration carries: a private key as the
 * base64 of its 32-byte seed (ENVELOPE_SIGNING_KEY), public keys as `service=<base64 of the 32-byte key>` pairs
 * (ENVELOPE_PUBLIC_KEYS). A service may list several keys under one name while it rotates.
 */

// The fixed DER prefixes of an Ed25519 PKCS#8 private key and SPKI public key (RFC 8410); the raw key follows.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class EnvelopeKeyError extends Error {}

function rawKey(base64: string, what: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || bytes.length !== 32) {
    throw new EnvelopeKeyError(`${what} must be the base64 of 32 bytes (an Ed25519 key)`);
  }
  return bytes;
}

export function privateKeyFromSeed(base64Seed: string): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, rawKey(base64Seed.trim(), 'ENVELOPE_SIGNING_KEY')]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function publicKeyFromRaw(base64: string, what = 'a public key'): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, rawKey(base64.trim(), what)]),
    format: 'der',
    type: 'spki',
  });
}

/** The base64 of a public key's 32 raw bytes, as ENVELOPE_PUBLIC_KEYS lists it. */
export function rawPublicKey(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI_PREFIX.length).toString('base64');
}

/** `budgets=AAAA…,monitoring=BBBB…` → each service's keys. */
export function parsePublicKeys(list: string): Map<string, KeyObject[]> {
  const keys = new Map<string, KeyObject[]>();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9][a-z0-9-]*)=(\S+)$/.exec(entry);
    if (!match)
      throw new EnvelopeKeyError(`ENVELOPE_PUBLIC_KEYS entry "${entry.slice(0, 40)}" is not service=<base64 key>`);
    const [, service, base64] = match;
    keys.set(service, [
      ...(keys.get(service) ?? []),
      publicKeyFromRaw(base64, `ENVELOPE_PUBLIC_KEYS key of ${service}`),
    ]);
  }
  return keys;
}

/** A new key pair in configuration form: the seed for ENVELOPE_SIGNING_KEY, the public key for ENVELOPE_PUBLIC_KEYS. */
export function generateEnvelopeKeyPair(): { signingKey: string; publicKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return { signingKey: der.subarray(PKCS8_PREFIX.length).toString('base64'), publicKey: rawPublicKey(privateKey) };
}
