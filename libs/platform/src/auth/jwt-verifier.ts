import jwt from 'jsonwebtoken';
import type { JwtKeys } from '../config/service-config';
import { UnauthenticatedError } from '../errors/domain-errors';
import { BIN_PATTERN, isRole, Principal } from './roles';

/** Checks a bearer token (HS256 with the shared secret, or RS256 with the public key) and reads its claims. */
export class JwtVerifier {
  constructor(private readonly keys: JwtKeys) {}

  verify(token: string): Principal {
    const claims = this.decode(token);
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new UnauthenticatedError('Token has no subject');
    if (roles.length === 0 || !roles.every(isRole)) throw new UnauthenticatedError('Token has no known role');
    const bin = typeof claims.bin === 'string' ? claims.bin : undefined;
    if (roles.includes('contractor') && (!bin || !BIN_PATTERN.test(bin))) {
      throw new UnauthenticatedError('A contractor token must carry its 12-digit BIN');
    }
    return { sub: claims.sub, roles, bin };
  }

  private decode(token: string): jwt.JwtPayload {
    const header = jwt.decode(token, { complete: true })?.header;
    const key = header?.alg === 'RS256' ? this.keys.publicKey : header?.alg === 'HS256' ? this.keys.secret : undefined;
    if (!key) throw new UnauthenticatedError('Token algorithm is not accepted');
    try {
      const payload = jwt.verify(token, key, { algorithms: [header!.alg as jwt.Algorithm] });
      if (typeof payload === 'string') throw new UnauthenticatedError('Token payload is not an object');
      return payload;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError(`Token rejected: ${(error as Error).message}`);
    }
  }
}
