import type { KeyObject } from 'node:crypto';

/** The only token algorithms a production service accepts: the identity provider keeps the private half. */
export type AsymmetricAlgorithm = 'RS256' | 'ES256';

const MIN_RSA_BITS = 2048;

/**
 * The algorithm a public key verifies, or why it will not do: RSA of 2048 bits or more is RS256, EC on P-256 is
 * ES256. Tying the algorithm to the key means a token cannot choose how it is checked (no algorithm confusion).
 */
export function algorithmOfKey(key: KeyObject): { algorithm: AsymmetricAlgorithm } | { problem: string } {
  if (key.type !== 'public') return { problem: `is a ${key.type} key, not a public key` };
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return bits >= MIN_RSA_BITS
      ? { algorithm: 'RS256' }
      : { problem: `is an RSA key of ${bits} bits; RS256 needs ${MIN_RSA_BITS} or more` };
  }
  if (key.asymmetricKeyType === 'ec') {
    return details.namedCurve === 'prime256v1'
      ? { algorithm: 'ES256' }
      : { problem: `is an EC key on ${details.namedCurve}; ES256 needs P-256` };
  }
  return { problem: `is a ${key.asymmetricKeyType} key; only RSA (RS256) and EC P-256 (ES256) are accepted` };
}
