import jwt from 'jsonwebtoken';
import { BIN_PATTERN, Principal, Role } from './roles';

/** Signs development tokens (HS256); production tokens come from the identity provider. */
export function issueDevToken(secret: string, principal: { sub: string; role: Role; bin?: string }, expiresIn = '12h'): string {
  if (principal.role === 'contractor' && (!principal.bin || !BIN_PATTERN.test(principal.bin))) {
    throw new Error('A contractor token needs --bin with a 12-digit BIN');
  }
  const claims: Omit<Principal, 'sub'> = { roles: [principal.role], ...(principal.bin ? { bin: principal.bin } : {}) };
  return jwt.sign(claims, secret, { algorithm: 'HS256', subject: principal.sub, expiresIn: expiresIn as jwt.SignOptions['expiresIn'] });
}
