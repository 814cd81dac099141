import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceUnavailableException } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { UnauthenticatedError } from '@app/domain-kernel';
import { JwksKeySet } from './jwks-key-set';
import { JwtVerifier } from './jwt-verifier';
import { DEV_TOKEN_ISSUER } from './token-issuer';

// The identity provider is a real HTTP server on loopback serving a JWK Set, as JWT_JWKS_URL would name one.

const pair = (type: 'rsa' | 'ec', options: object) =>
  generateKeyPairSync(type as 'rsa', options as { modulusLength: number });
const es256 = pair('ec', { namedCurve: 'P-256' });
const rs256 = pair('rsa', { modulusLength: 2048 });
const rotated = pair('ec', { namedCurve: 'P-256' });
const p384 = pair('ec', { namedCurve: 'P-384' });

const jwk = (key: KeyObject, extra: object) => ({ ...key.export({ format: 'jwk' }), ...extra });

describe('JwksKeySet and JwtVerifier with JWT_JWKS_URL', () => {
  let server: Server;
  let url: string;
  let keys: object[];
  let requests = 0;
  let down = false;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      if (down) return void response.writeHead(503).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    keys = [
      jwk(es256.publicKey, { kid: 'es-1', use: 'sig', alg: 'ES256' }),
      jwk(rs256.publicKey, { kid: 'rs-1' }),
      jwk(rotated.publicKey, { kid: 'enc-1', use: 'enc' }),
      jwk(p384.publicKey, { kid: 'p384-1' }),
    ];
    requests = 0;
    down = false;
  });

  const verifierOf = (set: JwksKeySet) =>
    new JwtVerifier({ jwksUrl: url, issuer: DEV_TOKEN_ISSUER, audience: 'fines', maxLifetimeSeconds: 3600 }, set);
  const sign = (key: KeyObject, algorithm: jwt.Algorithm, kid?: string, claims: object = {}) =>
    jwt.sign({ roles: ['auditor'], iss: DEV_TOKEN_ISSUER, aud: 'fines', ...claims }, key, {
      algorithm,
      subject: 'aud-1',
      expiresIn: '5m',
      ...(kid ? { keyid: kid } : {}),
    });
  const reasonOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return (error as UnauthenticatedError).details.reason;
  };

  it('verifies ES256 and RS256 tokens by kid, fetching the set once', async () => {
    const verifier = verifierOf(new JwksKeySet(url));
    expect(await verifier.verify(sign(es256.privateKey, 'ES256', 'es-1'))).toEqual({
      sub: 'aud-1',
      roles: ['auditor'],
      bin: undefined,
    });
    expect(await verifier.verify(sign(rs256.privateKey, 'RS256', 'rs-1'))).toMatchObject({ sub: 'aud-1' });
    expect(requests).toBe(1);
  });

  it('still checks the claims of a JWKS-verified token', async () => {
    const verifier = verifierOf(new JwksKeySet(url));
    expect(await reasonOf(verifier.verify(sign(es256.privateKey, 'ES256', 'es-1', { aud: 'budgets' })))).toBe(
      'wrong_audience',
    );
    expect(await reasonOf(verifier.verify(sign(rs256.privateKey, 'RS256', 'rs-1', { iss: 'other' })))).toBe(
      'wrong_issuer',
    );
  });

  it('refuses a token without kid, with an unknown kid, or signed by another key under a known kid', async () => {
    const verifier = verifierOf(new JwksKeySet(url, { unknownKidRefetchMs: 60_000 }));
    expect(await reasonOf(verifier.verify(sign(es256.privateKey, 'ES256')))).toBe('unknown_key');
    expect(await reasonOf(verifier.verify(sign(es256.privateKey, 'ES256', 'nobody')))).toBe('unknown_key');
    expect(await reasonOf(verifier.verify(sign(rotated.privateKey, 'ES256', 'es-1')))).toBe('bad_signature');
    // Forged kids do not make it fetch again and again.
    for (let i = 0; i < 5; i++) await reasonOf(verifier.verify(sign(es256.privateKey, 'ES256', `forged-${i}`)));
    expect(requests).toBe(1);
  });

  it('uses only signature keys it can check: no encryption keys, no curve but P-256, no algorithm the key is not for', async () => {
    const verifier = verifierOf(new JwksKeySet(url));
    expect(await reasonOf(verifier.verify(sign(rotated.privateKey, 'ES256', 'enc-1')))).toBe('unknown_key');
    expect(await reasonOf(verifier.verify(sign(p384.privateKey, 'ES384', 'p384-1')))).toBe('algorithm_not_accepted');
    expect(await reasonOf(verifier.verify(sign(rs256.privateKey, 'RS256', 'es-1')))).toBe('algorithm_not_accepted');
  });

  it('finds a key the provider rotated in by fetching the set again', async () => {
    const verifier = verifierOf(new JwksKeySet(url, { unknownKidRefetchMs: 0 }));
    await verifier.verify(sign(es256.privateKey, 'ES256', 'es-1'));
    keys = [...keys, jwk(rotated.publicKey, { kid: 'es-2', alg: 'ES256' })];
    expect(await verifier.verify(sign(rotated.privateKey, 'ES256', 'es-2'))).toMatchObject({ sub: 'aud-1' });
    expect(requests).toBe(2);
  });

  it('keeps the keys it has while the provider is down, and answers 503 when it never had any', async () => {
    const cached = new JwksKeySet(url, { maxAgeMs: 0 });
    await cached.key('es-1', 'ES256');
    down = true;
    await expect(verifierOf(cached).verify(sign(es256.privateKey, 'ES256', 'es-1'))).resolves.toMatchObject({
      sub: 'aud-1',
    });
    const error = await verifierOf(new JwksKeySet(url))
      .verify(sign(es256.privateKey, 'ES256', 'es-1'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect((error as Error).message).toMatch(/JWT_JWKS_URL.*HTTP 503/);
  });
});
