import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ServiceUnavailableException } from '@nestjs/common';
import { UnauthenticatedError } from '@app/domain-kernel';
import { algorithmOfKey, type AsymmetricAlgorithm } from './asymmetric-key';

export interface JwksOptions {
  /** Keys older than this are fetched again before use (an identity provider rotates keys). */
  maxAgeMs?: number;
  /** An unknown `kid` fetches the set again, at most this often, so forged kids cannot flood the provider. */
  unknownKidRefetchMs?: number;
  timeoutMs?: number;
}

interface VerifyingKey {
  key: KeyObject;
  algorithm: AsymmetricAlgorithm;
}

/** The identity provider's signing keys (RFC 7517 JWK Set at JWT_JWKS_URL), by `kid`, fetched with Node's fetch and cached. */
export class JwksKeySet {
  private keys = new Map<string, VerifyingKey>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight?: Promise<void>;
  private readonly maxAgeMs: number;
  private readonly unknownKidRefetchMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly url: string,
    options: JwksOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.unknownKidRefetchMs = options.unknownKidRefetchMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** The key `kid` names, for a token signed with `algorithm`; 401 when the set has no such key, 503 when it cannot be fetched. */
  async key(kid: string | undefined, algorithm: string): Promise<KeyObject> {
    if (!kid)
      throw new UnauthenticatedError('Token names no key (kid); JWT_JWKS_URL keys are chosen by kid', {
        reason: 'unknown_key',
      });
    if (Date.now() - this.fetchedAt > this.maxAgeMs) await this.refresh(this.keys.size === 0);
    if (!this.keys.has(kid) && Date.now() - this.fetchedAt >= this.unknownKidRefetchMs) await this.refresh(false);
    const found = this.keys.get(kid);
    if (!found)
      throw new UnauthenticatedError(`Token key ${JSON.stringify(kid)} is not in the identity provider's key set`, {
        reason: 'unknown_key',
      });
    if (found.algorithm !== algorithm) {
      throw new UnauthenticatedError(`Token algorithm ${algorithm} does not match its key (${found.algorithm})`, {
        reason: 'algorithm_not_accepted',
      });
    }
    return found.key;
  }

  /** One fetch at a time; a failed fetch keeps the keys it had (and is tried again after unknownKidRefetchMs). */
  private async refresh(mustSucceed: boolean): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => (this.inFlight = undefined));
    try {
      await this.inFlight;
    } catch (error) {
      this.fetchedAt = Math.max(this.fetchedAt, Date.now() - this.maxAgeMs + this.unknownKidRefetchMs);
      if (mustSucceed || this.keys.size === 0) {
        throw new ServiceUnavailableException(
          `The identity provider's keys (JWT_JWKS_URL) could not be fetched: ${(error as Error).message}`,
        );
      }
    }
  }

  private async fetchKeys(): Promise<void> {
    const response = await fetch(this.url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) throw new Error('the answer is not a JWK Set (no "keys" array)');
    const keys = new Map<string, VerifyingKey>();
    for (const jwk of body.keys as JsonWebKey[]) {
      const usable = verifyingKey(jwk);
      if (usable) keys.set(jwk.kid as string, usable);
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}

/** A signature key this service can use, or undefined: encryption keys, other algorithms and keys without kid are skipped. */
function verifyingKey(jwk: JsonWebKey): VerifyingKey | undefined {
  if (typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) return undefined;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
  const checked = algorithmOfKey(key);
  if (!('algorithm' in checked) || (jwk.alg !== undefined && jwk.alg !== checked.algorithm)) return undefined;
  return { key, algorithm: checked.algorithm };
}
