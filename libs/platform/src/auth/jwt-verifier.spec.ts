import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthenticatedError } from '../errors/domain-errors';
import { JwtVerifier } from './jwt-verifier';
import { issueDevToken } from './token-issuer';

const SECRET = 's'.repeat(32);
const OTHER_SECRET = 'o'.repeat(32);
const BIN = '123456789012';

const pem = () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const keys = pem();
const otherKeys = pem();

const hs = (claims: object, options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign(claims, secret, { algorithm: 'HS256', ...('exp' in claims ? {} : { expiresIn: '1h' }), ...options });

/** Returns the error verify throws; fails the test if it does not throw. */
function rejectionOf(verifier: JwtVerifier, token: string): UnauthenticatedError {
  try {
    verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return error as UnauthenticatedError;
  }
  throw new Error('verify accepted the token');
}

describe('JwtVerifier with HS256', () => {
  const verifier = new JwtVerifier({ secret: SECRET });

  it('verifies a dev token to its principal', () => {
    expect(verifier.verify(issueDevToken(SECRET, { sub: 'user-1', role: 'citizen' }))).toEqual({
      sub: 'user-1',
      roles: ['citizen'],
      bin: undefined,
    });
  });

  it('keeps the bin of a contractor token', () => {
    expect(verifier.verify(issueDevToken(SECRET, { sub: 'firm-1', role: 'contractor', bin: BIN }))).toEqual({
      sub: 'firm-1',
      roles: ['contractor'],
      bin: BIN,
    });
  });

  it('rejects a token signed with another secret', () => {
    const error = rejectionOf(verifier, issueDevToken(OTHER_SECRET, { sub: 'user-1', role: 'citizen' }));
    expect(error.code).toBe('unauthenticated');
    expect(error.httpStatus).toBe(401);
  });

  it('rejects an expired token', () => {
    const token = hs({ sub: 'user-1', roles: ['citizen'], exp: Math.floor(Date.now() / 1000) - 60 });
    expect(rejectionOf(verifier, token).message).toMatch(/expired/i);
  });

  it('rejects a dev token issued already expired', () => {
    rejectionOf(verifier, issueDevToken(SECRET, { sub: 'user-1', role: 'citizen' }, '-1s'));
  });

  it('rejects a token with no subject', () => {
    expect(rejectionOf(verifier, hs({ roles: ['citizen'] })).message).toMatch(/subject/);
    rejectionOf(verifier, hs({ roles: ['citizen'] }, { subject: '' }));
  });

  it('rejects an unknown role, even next to a known one', () => {
    expect(rejectionOf(verifier, hs({ roles: ['admin'] }, { subject: 'u' })).message).toMatch(/role/);
    rejectionOf(verifier, hs({ roles: ['citizen', 'root'] }, { subject: 'u' }));
  });

  it('rejects empty or missing roles', () => {
    rejectionOf(verifier, hs({ roles: [] }, { subject: 'u' }));
    rejectionOf(verifier, hs({}, { subject: 'u' }));
    rejectionOf(verifier, hs({ roles: 'citizen' }, { subject: 'u' }));
  });

  it('rejects a contractor without a 12-digit bin', () => {
    expect(rejectionOf(verifier, hs({ roles: ['contractor'] }, { subject: 'u' })).message).toMatch(/BIN/);
    rejectionOf(verifier, hs({ roles: ['contractor'], bin: '12345' }, { subject: 'u' }));
    rejectionOf(verifier, hs({ roles: ['contractor'], bin: '12345678901a' }, { subject: 'u' }));
    rejectionOf(verifier, hs({ roles: ['contractor'], bin: 123456789012 }, { subject: 'u' }));
  });

  it("rejects alg 'none'", () => {
    const token = jwt.sign({ roles: ['operator'] }, null, { algorithm: 'none', subject: 'u' });
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('none');
    expect(rejectionOf(verifier, token).message).toMatch(/algorithm/);
  });

  it('rejects garbage', () => {
    rejectionOf(verifier, 'not-a-token');
    rejectionOf(verifier, '');
  });

  it('rejects an RS256 token when it has no public key', () => {
    const token = jwt.sign({ roles: ['citizen'] }, keys.privateKey, { algorithm: 'RS256', subject: 'u' });
    rejectionOf(verifier, token);
  });
});

describe('JwtVerifier with RS256', () => {
  const verifier = new JwtVerifier({ publicKey: keys.publicKey });

  it('verifies a token signed with the matching private key', () => {
    const token = jwt.sign({ roles: ['inspector', 'auditor'] }, keys.privateKey, { algorithm: 'RS256', subject: 'insp-7', expiresIn: '5m' });
    expect(verifier.verify(token)).toEqual({ sub: 'insp-7', roles: ['inspector', 'auditor'], bin: undefined });
  });

  it('refuses an HS256 token when it has only a public key', () => {
    rejectionOf(verifier, issueDevToken(SECRET, { sub: 'user-1', role: 'citizen' }));
  });

  it('refuses an HS256 token signed with the public key as the secret (algorithm confusion)', () => {
    // jsonwebtoken itself refuses to HMAC-sign with a PEM key, so build the token by hand.
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'u', roles: ['operator'] })}`;
    const token = `${body}.${createHmac('sha256', keys.publicKey).update(body).digest('base64url')}`;
    rejectionOf(verifier, token);
  });

  it('refuses an RS256 token signed by another key', () => {
    const token = jwt.sign({ roles: ['citizen'] }, otherKeys.privateKey, { algorithm: 'RS256', subject: 'u' });
    expect(rejectionOf(verifier, token).message).toMatch(/signature/);
  });
});

describe('issueDevToken', () => {
  it('signs HS256 with sub, roles and expiry', () => {
    const token = issueDevToken(SECRET, { sub: 'off-1', role: 'official' }, '10m');
    const decoded = jwt.decode(token, { complete: true })!;
    const payload = decoded.payload as jwt.JwtPayload;
    expect(decoded.header.alg).toBe('HS256');
    expect(payload.sub).toBe('off-1');
    expect(payload.roles).toEqual(['official']);
    expect(payload.bin).toBeUndefined();
    expect(payload.exp! - payload.iat!).toBe(600);
  });

  it('refuses a contractor without a bin or with a malformed one', () => {
    expect(() => issueDevToken(SECRET, { sub: 'firm', role: 'contractor' })).toThrow(/BIN/);
    expect(() => issueDevToken(SECRET, { sub: 'firm', role: 'contractor', bin: '1234' })).toThrow(/BIN/);
  });
});
