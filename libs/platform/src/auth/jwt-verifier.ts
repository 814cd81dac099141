import { createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtSettings } from '../config/service-config';
import { UnauthenticatedError } from '@app/domain-kernel';
import { algorithmOfKey, type AsymmetricAlgorithm } from './asymmetric-key';
import { JwksKeySet } from './jwks-key-set';
import { BIN_PATTERN, isRole, Principal } from './roles';

/** How far apart the identity provider's clock and ours may be, for exp, nbf and iat. */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

const refuse = (reason: string, message: string) => new UnauthenticatedError(message, { reason });

/**
 * Checks a bearer token and reads its claims. The key decides the algorithm (HS256 with JWT_SECRET, RS256 or ES256
 * with JWT_PUBLIC_KEY or a JWT_JWKS_URL key by kid), never the token; `exp`, `iss` and `aud` are required, and a
 * token may live no longer than maxLifetimeSeconds. Every refusal is a 401 whose `reason` names the check.
 */
export class JwtVerifier {
  private readonly publicKey?: { key: KeyObject; algorithm: AsymmetricAlgorithm };

  constructor(
    private readonly settings: JwtSettings,
    private readonly jwks: JwksKeySet | undefined = settings.jwksUrl ? new JwksKeySet(settings.jwksUrl) : undefined,
  ) {
    if (settings.publicKey) {
      const key = createPublicKey(settings.publicKey);
      const checked = algorithmOfKey(key);
      if ('problem' in checked) throw new Error(`JWT_PUBLIC_KEY ${checked.problem}`);
      this.publicKey = { key, algorithm: checked.algorithm };
    }
  }

  async verify(token: string): Promise<Principal> {
    const { key, algorithm } = await this.keyFor(token);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: JWT_CLOCK_TOLERANCE_SECONDS,
      });
    } catch (error) {
      throw refusalOf(error);
    }
    const claims = this.checkClaims(payload);
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    if (typeof claims.sub !== 'string' || claims.sub === '') throw refuse('claims', 'Token has no subject');
    if (roles.length === 0 || !roles.every(isRole)) throw refuse('claims', 'Token has no known role');
    const bin = typeof claims.bin === 'string' ? claims.bin : undefined;
    if (roles.includes('contractor') && (!bin || !BIN_PATTERN.test(bin))) {
      throw refuse('claims', 'A contractor token must carry its 12-digit BIN');
    }
    return { sub: claims.sub, roles, bin };
  }

  /** The one key this token may be checked with, chosen by its header's alg (and kid) among the configured ones. */
  private async keyFor(token: string): Promise<{ key: jwt.Secret | KeyObject; algorithm: jwt.Algorithm }> {
    const header = jwt.decode(token, { complete: true })?.header;
    if (!header) throw refuse('malformed', 'Token is not a JWT (header.payload.signature)');
    const { alg, kid } = header;
    if (alg === 'HS256' && this.settings.secret) return { key: this.settings.secret, algorithm: alg };
    if (alg === 'RS256' || alg === 'ES256') {
      if (this.jwks && (kid !== undefined || !this.publicKey))
        return { key: await this.jwks.key(kid, alg), algorithm: alg };
      if (this.publicKey?.algorithm === alg) return { key: this.publicKey.key, algorithm: alg };
    }
    const accepted = [this.settings.secret && 'HS256', this.publicKey?.algorithm, this.jwks && 'RS256, ES256']
      .filter(Boolean)
      .join(', ');
    throw refuse(
      'algorithm_not_accepted',
      `Token algorithm ${JSON.stringify(alg)} is not accepted here (accepted: ${accepted})`,
    );
  }

  /** What jsonwebtoken does not check: exp is required, iat is not in the future, and exp - iat is bounded. */
  private checkClaims(payload: jwt.JwtPayload | string): jwt.JwtPayload {
    if (typeof payload === 'string') throw refuse('malformed', 'Token payload is not an object');
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number')
      throw refuse('no_expiry', 'Token has no expiry (exp); every token must expire');
    if (
      payload.iat !== undefined &&
      (typeof payload.iat !== 'number' || payload.iat > now + JWT_CLOCK_TOLERANCE_SECONDS)
    ) {
      throw refuse('issued_in_future', 'Token is issued in the future (iat)');
    }
    const lifetime = payload.exp - (payload.iat ?? now);
    if (lifetime > this.settings.maxLifetimeSeconds) {
      throw refuse(
        'lifetime_too_long',
        `Token lives ${lifetime} s (exp - iat), more than the ${this.settings.maxLifetimeSeconds} s this service accepts (JWT_MAX_LIFETIME)`,
      );
    }
    return payload;
  }
}

/** jsonwebtoken's errors as refusals naming the check that failed. */
function refusalOf(error: unknown): unknown {
  if (!(error instanceof jwt.JsonWebTokenError)) return error;
  if (error instanceof jwt.TokenExpiredError)
    return refuse('expired', `Token expired at ${error.expiredAt.toISOString()}`);
  if (error instanceof jwt.NotBeforeError)
    return refuse('not_yet_valid', `Token is not valid before ${error.date.toISOString()} (nbf)`);
  const message = error.message;
  if (message.startsWith('jwt issuer invalid'))
    return refuse(
      'wrong_issuer',
      `Token issuer (iss) is not the accepted one: ${message.slice('jwt issuer invalid. '.length)}`,
    );
  if (message.startsWith('jwt audience invalid'))
    return refuse(
      'wrong_audience',
      `Token audience (aud) does not name this service: ${message.slice('jwt audience invalid. '.length)}`,
    );
  if (message === 'invalid signature') return refuse('bad_signature', 'Token signature is invalid');
  return refuse('malformed', `Token rejected: ${message}`);
}
