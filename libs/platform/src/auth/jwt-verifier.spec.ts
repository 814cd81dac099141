import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtSettings } from '../config/service-config';
import { UnauthenticatedError } from '@app/domain-kernel';
import { JWT_CLOCK_TOLERANCE_SECONDS, JwtVerifier } from './jwt-verifier';
import { DEV_TOKEN_ISSUER, durationSeconds, issueDevToken } from './token-issuer';

const SECRET = 's'.repeat(32);
const OTHER_SECRET = 'o'.repeat(32);
const BIN = '123456789012';
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

const settings = (overrides: Partial<JwtSettings> = {}): JwtSettings => ({
  issuer: DEV_TOKEN_ISSUER,
  audience: 'road-cases',
  maxLifetimeSeconds: 12 * HOUR,
  ...overrides,
});

const pems = (type: 'rsa' | 'ec', options: object) => {
  const { publicKey, privateKey } = generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const rsa = pems('rsa', { modulusLength: 2048 });
const otherRsa = pems('rsa', { modulusLength: 2048 });
const ec = pems('ec', { namedCurve: 'P-256' });

/** The claims a service requires, so a case can take one away or change it. */
const valid = { roles: ['citizen'], iss: DEV_TOKEN_ISSUER, aud: 'road-cases' };
const hs = (claims: object, options: jwt.SignOptions = {}, secret = SECRET) =>
  jwt.sign({ ...valid, ...claims }, secret, {
    algorithm: 'HS256',
    subject: 'u',
    ...('exp' in claims ? {} : { expiresIn: '1h' }),
    ...options,
  });

/** The refusal verify gives (a 401 with a reason); fails the test if it accepts the token. */
async function refusalOf(verifier: JwtVerifier, token: string): Promise<{ message: string; reason: unknown }> {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    const refusal = error as UnauthenticatedError;
    expect(refusal.httpStatus).toBe(401);
    return { message: refusal.message, reason: refusal.details.reason };
  }
  throw new Error('verify accepted the token');
}

describe('JwtVerifier with HS256', () => {
  const verifier = new JwtVerifier(settings({ secret: SECRET }));

  it('verifies a dev token (iss integrity-square-dev, aud all four services) to its principal', async () => {
    expect(await verifier.verify(issueDevToken(SECRET, { sub: 'user-1', role: 'citizen' }))).toEqual({
      sub: 'user-1',
      roles: ['citizen'],
      bin: undefined,
    });
  });

  it('keeps the bin of a contractor token', async () => {
    const token = issueDevToken(SECRET, { sub: 'firm-1', role: 'contractor', bin: BIN });
    expect(await verifier.verify(token)).toEqual({ sub: 'firm-1', roles: ['contractor'], bin: BIN });
  });

  it('rejects a token signed with another secret', async () => {
    expect((await refusalOf(verifier, hs({}, {}, OTHER_SECRET))).reason).toBe('bad_signature');
  });

  it('rejects an expired token, past the clock tolerance', async () => {
    const refusal = await refusalOf(verifier, hs({ exp: now() - JWT_CLOCK_TOLERANCE_SECONDS - 5 }));
    expect(refusal).toMatchObject({ reason: 'expired', message: expect.stringMatching(/expired/) });
    expect(
      (await refusalOf(verifier, issueDevToken(SECRET, { sub: 'u', role: 'citizen' }, { expiresIn: '-1m' }))).reason,
    ).toBe('expired');
  });

  it("accepts a token expired less than the clock tolerance ago (the provider's clock may run ahead)", async () => {
    await expect(verifier.verify(hs({ exp: now() - JWT_CLOCK_TOLERANCE_SECONDS + 10 }))).resolves.toMatchObject({
      sub: 'u',
    });
  });

  it('rejects a token without exp', async () => {
    const token = jwt.sign({ ...valid }, SECRET, { algorithm: 'HS256', subject: 'u' });
    expect(jwt.decode(token)).not.toHaveProperty('exp');
    expect(await refusalOf(verifier, token)).toEqual({
      reason: 'no_expiry',
      message: expect.stringMatching(/no expiry \(exp\)/),
    });
  });

  it('rejects a wrong or missing issuer', async () => {
    expect(await refusalOf(verifier, hs({ iss: 'someone-else' }))).toEqual({
      reason: 'wrong_issuer',
      message: expect.stringMatching(/issuer \(iss\).*integrity-square-dev/),
    });
    const { iss: _omit, ...noIssuer } = valid;
    expect((await refusalOf(verifier, jwt.sign(noIssuer, SECRET, { subject: 'u', expiresIn: '1h' }))).reason).toBe(
      'wrong_issuer',
    );
  });

  it('rejects a token for another service, or for none; takes one whose audience list names this one', async () => {
    expect(await refusalOf(verifier, hs({ aud: 'fines' }))).toEqual({
      reason: 'wrong_audience',
      message: expect.stringMatching(/audience \(aud\).*road-cases/),
    });
    const { aud: _omit, ...noAudience } = valid;
    expect((await refusalOf(verifier, jwt.sign(noAudience, SECRET, { subject: 'u', expiresIn: '1h' }))).reason).toBe(
      'wrong_audience',
    );
    await expect(verifier.verify(hs({ aud: ['fines', 'road-cases'] }))).resolves.toMatchObject({ roles: ['citizen'] });
    expect(
      (await refusalOf(verifier, issueDevToken(SECRET, { sub: 'u', role: 'citizen' }, { audience: 'budgets' }))).reason,
    ).toBe('wrong_audience');
  });

  it('rejects a token that lives longer than the maximum lifetime, however it is signed', async () => {
    const iat = now();
    await expect(verifier.verify(hs({ iat, exp: iat + 12 * HOUR }))).resolves.toBeDefined();
    const refusal = await refusalOf(verifier, hs({ iat, exp: iat + 12 * HOUR + 1 }));
    expect(refusal).toEqual({
      reason: 'lifetime_too_long',
      message: expect.stringMatching(/43201 s .*43200 s .*JWT_MAX_LIFETIME/),
    });
    // Without iat, what is left of its life counts.
    const noIat = jwt.sign({ ...valid, exp: iat + 30 * 24 * HOUR }, SECRET, { subject: 'u', noTimestamp: true });
    expect((await refusalOf(verifier, noIat)).reason).toBe('lifetime_too_long');
    const short = new JwtVerifier(settings({ secret: SECRET, maxLifetimeSeconds: durationSeconds('15m') }));
    expect((await refusalOf(short, issueDevToken(SECRET, { sub: 'u', role: 'citizen' }))).reason).toBe(
      'lifetime_too_long',
    );
  });

  it('rejects a token issued or valid only in the future, past the tolerance', async () => {
    const iat = now() + JWT_CLOCK_TOLERANCE_SECONDS + 60;
    expect((await refusalOf(verifier, hs({ iat, exp: iat + HOUR }))).reason).toBe('issued_in_future');
    expect((await refusalOf(verifier, hs({ nbf: now() + JWT_CLOCK_TOLERANCE_SECONDS + 60 }))).reason).toBe(
      'not_yet_valid',
    );
    await expect(verifier.verify(hs({ nbf: now() + 10 }))).resolves.toBeDefined();
  });

  it('rejects a token with no subject', async () => {
    expect((await refusalOf(verifier, jwt.sign(valid, SECRET, { expiresIn: '1h' }))).message).toMatch(/subject/);
    await refusalOf(verifier, hs({}, { subject: '' }));
  });

  it('rejects an unknown role, even next to a known one; empty or missing roles', async () => {
    expect((await refusalOf(verifier, hs({ roles: ['admin'] }))).message).toMatch(/role/);
    await refusalOf(verifier, hs({ roles: ['citizen', 'root'] }));
    await refusalOf(verifier, hs({ roles: [] }));
    await refusalOf(verifier, hs({ roles: 'citizen' }));
    await refusalOf(verifier, hs({ roles: undefined }));
  });

  it('rejects a contractor without a 12-digit bin', async () => {
    expect((await refusalOf(verifier, hs({ roles: ['contractor'] }))).message).toMatch(/BIN/);
    for (const bin of ['12345', '12345678901a', 123456789012])
      await refusalOf(verifier, hs({ roles: ['contractor'], bin }));
  });

  it("rejects alg 'none'", async () => {
    const token = jwt.sign({ ...valid, exp: now() + 60 }, null, { algorithm: 'none', subject: 'u' });
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('none');
    expect(await refusalOf(verifier, token)).toEqual({
      reason: 'algorithm_not_accepted',
      message: expect.stringMatching(/"none" is not accepted here \(accepted: HS256\)/),
    });
  });

  it('rejects garbage', async () => {
    expect((await refusalOf(verifier, 'not-a-token')).reason).toBe('malformed');
    await refusalOf(verifier, '');
  });

  it('rejects an RS256 token when it has no public key', async () => {
    const token = jwt.sign(valid, rsa.privateKey, { algorithm: 'RS256', subject: 'u', expiresIn: '5m' });
    expect((await refusalOf(verifier, token)).reason).toBe('algorithm_not_accepted');
  });
});

describe('JwtVerifier with JWT_PUBLIC_KEY', () => {
  const verifier = new JwtVerifier(settings({ publicKey: rsa.publicKey }));
  const rs = (claims: object, key = rsa.privateKey) =>
    jwt.sign({ ...valid, ...claims }, key, { algorithm: 'RS256', subject: 'insp-7', expiresIn: '5m' });

  it('verifies an RS256 token signed with the matching private key', async () => {
    expect(await verifier.verify(rs({ roles: ['inspector', 'auditor'] }))).toEqual({
      sub: 'insp-7',
      roles: ['inspector', 'auditor'],
      bin: undefined,
    });
  });

  it('checks iss, aud and exp of RS256 tokens too', async () => {
    expect((await refusalOf(verifier, rs({ aud: 'fines' }))).reason).toBe('wrong_audience');
    expect((await refusalOf(verifier, rs({ iss: 'elsewhere' }))).reason).toBe('wrong_issuer');
    const unending = jwt.sign(valid, rsa.privateKey, { algorithm: 'RS256', subject: 'u' });
    expect((await refusalOf(verifier, unending)).reason).toBe('no_expiry');
  });

  it('refuses an HS256 token when it has only a public key', async () => {
    expect((await refusalOf(verifier, issueDevToken(SECRET, { sub: 'user-1', role: 'citizen' }))).reason).toBe(
      'algorithm_not_accepted',
    );
  });

  it('refuses an HS256 token signed with the public key as the secret (algorithm confusion)', async () => {
    // jsonwebtoken itself refuses to HMAC-sign with a PEM key, so build the token by hand.
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ ...valid, sub: 'u', roles: ['operator'], exp: now() + 60 })}`;
    const token = `${body}.${createHmac('sha256', rsa.publicKey).update(body).digest('base64url')}`;
    expect((await refusalOf(verifier, token)).reason).toBe('algorithm_not_accepted');
  });

  it('refuses an RS256 token signed by another key', async () => {
    expect(await refusalOf(verifier, rs({}, otherRsa.privateKey))).toEqual({
      reason: 'bad_signature',
      message: expect.stringMatching(/signature/),
    });
  });

  it('verifies ES256 with an EC P-256 key, and only ES256', async () => {
    const es = new JwtVerifier(settings({ publicKey: ec.publicKey }));
    const token = jwt.sign(valid, ec.privateKey, { algorithm: 'ES256', subject: 'e', expiresIn: '5m' });
    expect(await es.verify(token)).toEqual({ sub: 'e', roles: ['citizen'], bin: undefined });
    expect(await refusalOf(es, rs({}))).toMatchObject({
      reason: 'algorithm_not_accepted',
      message: expect.stringMatching(/accepted: ES256/),
    });
  });

  it('will not be built on a key too weak or of another kind', () => {
    expect(() => new JwtVerifier(settings({ publicKey: pems('rsa', { modulusLength: 1024 }).publicKey }))).toThrow(
      /1024 bits; RS256 needs 2048/,
    );
    expect(() => new JwtVerifier(settings({ publicKey: pems('ec', { namedCurve: 'P-384' }).publicKey }))).toThrow(
      /ES256 needs P-256/,
    );
  });
});

describe('issueDevToken', () => {
  it('signs HS256 with sub, roles, expiry, the development issuer and all four services as audience', () => {
    const token = issueDevToken(SECRET, { sub: 'off-1', role: 'official' }, { expiresIn: '10m' });
    const decoded = jwt.decode(token, { complete: true })!;
    const payload = decoded.payload as jwt.JwtPayload;
    expect(decoded.header.alg).toBe('HS256');
    expect(payload).toMatchObject({
      sub: 'off-1',
      roles: ['official'],
      iss: 'integrity-square-dev',
      aud: ['budgets', 'monitoring', 'road-cases', 'fines'],
    });
    expect(payload.bin).toBeUndefined();
    expect(payload.exp! - payload.iat!).toBe(600);
  });

  it('takes another issuer, one audience, a lifetime in seconds; refuses a lifetime it cannot read', () => {
    const payload = jwt.decode(
      issueDevToken(SECRET, { sub: 'x', role: 'auditor' }, { issuer: 'tests', audience: 'fines', expiresIn: 90 }),
    ) as jwt.JwtPayload;
    expect(payload).toMatchObject({ iss: 'tests', aud: 'fines' });
    expect(payload.exp! - payload.iat!).toBe(90);
    expect(() => issueDevToken(SECRET, { sub: 'x', role: 'auditor' }, { expiresIn: 'soon' })).toThrow(/not "soon"/);
  });

  it('refuses a contractor without a bin or with a malformed one', () => {
    expect(() => issueDevToken(SECRET, { sub: 'firm', role: 'contractor' })).toThrow(/BIN/);
    expect(() => issueDevToken(SECRET, { sub: 'firm', role: 'contractor', bin: '1234' })).toThrow(/BIN/);
  });
});
