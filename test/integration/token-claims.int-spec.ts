import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { generateNoteKey } from '@app/transparency';
import {
  bearer,
  createTestDatabase,
  http,
  serviceEnv,
  startServiceProcess,
  testEnv,
  testToken,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { spawnedService } from '../support/spawned-services';

// Bearer tokens through real HTTP on started services (real Postgres and Kafka): exp, iss and aud are required, the
// lifetime is bounded, the role an event records is the one that authorised the call, and a production service takes
// RS256/ES256 keys from the identity provider's JWKS (a real HTTP server on loopback) and no HS256 secret at all.
describe('bearer tokens on a running service', () => {
  const { db, service: monitoring } = spawnedService('monitoring', 'token_claims');

  const hs = (claims: object, options: jwt.SignOptions = {}) =>
    jwt.sign(
      { roles: ['moderator'], iss: 'integrity-square-dev', aud: ['monitoring'], ...claims },
      testEnv('jwtSecret'),
      { subject: 'mod-1', ...options },
    );
  const call = (token: string) =>
    http('GET', `${monitoring.url}/reports`, { headers: { authorization: `Bearer ${token}` } });

  it('takes a token with exp, iss and aud naming the service', async () => {
    expect((await call(hs({}, { expiresIn: '5m' }))).status).toBe(200);
    expect((await call(testToken('moderator'))).status).toBe(200);
  });

  it.each([
    ['no exp', () => hs({}), 'no_expiry'],
    ['an audience of another service', () => hs({ aud: 'fines' }, { expiresIn: '5m' }), 'wrong_audience'],
    ['another issuer', () => hs({ iss: 'https://elsewhere.example' }, { expiresIn: '5m' }), 'wrong_issuer'],
    ['a lifetime past JWT_MAX_LIFETIME (12 h)', () => hs({}, { expiresIn: '13h' }), 'lifetime_too_long'],
    [
      'exp two minutes ago (past the 30 s tolerance)',
      () => hs({ exp: Math.floor(Date.now() / 1000) - 120 }),
      'expired',
    ],
  ])('refuses %s: 401 naming the reason', async (_name, token, reason) => {
    const answer = await call(token());
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toMatchObject({
      statusCode: 401,
      error: 'unauthenticated',
      reason,
      message: expect.any(String),
    });
  });

  it('records the role that authorised the call, not the first role of the token', async () => {
    const road = {
      location: { lat: 42.9, lon: 71.3667 },
      district: 'Taraz',
      address: 'Tole bi 12',
      defectType: 'pothole',
    };
    // A public route (anyone may file): the report is filed as the citizen, though the token lists auditor first.
    const filed = await http('POST', `${monitoring.url}/reports`, {
      body: { kind: 'road_defect', description: 'pothole', road },
      headers: {
        authorization: `Bearer ${hs({ roles: ['auditor', 'citizen'] }, { subject: 'both-1', expiresIn: '5m' })}`,
      },
    });
    expect(filed.status).toBe(201);
    // @Roles('moderator'): the moderator acts, though the token lists citizen first.
    const review = await http('POST', `${monitoring.url}/reports/${filed.body.id}/start-review`, {
      headers: {
        authorization: `Bearer ${hs({ roles: ['citizen', 'moderator'] }, { subject: 'both-2', expiresIn: '5m' })}`,
      },
    });
    expect(review.status).toBe(200);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT event_type, metadata->>'actorId' AS actor, metadata->>'actorRole' AS role FROM monitoring.events WHERE stream_id = $1 ORDER BY stream_version`,
        [filed.body.id],
      );
      expect(rows.map((r) => [r.actor, r.role])).toEqual([
        ['both-1', 'citizen'],
        ['both-2', 'moderator'],
      ]);
    } finally {
      await client.end();
    }
  });
});

describe("a production service with the identity provider's JWKS", () => {
  const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rs256 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ISSUER = 'https://id.integrity-square.test/realms/zhambyl';
  let db: TestDatabase;
  let jwks: Server;
  let jwksUrl: string;
  let fines: ServiceProcess;
  let fetches = 0;

  /** What a production service needs besides its token settings: its own keys, a schema owner. */
  const productionEnv = () => ({
    ...serviceEnv(db.url, 'tokens-prod'),
    NODE_ENV: 'production',
    JWT_SECRET: undefined,
    JWT_ISSUER: ISSUER,
    CHECKPOINT_SIGNING_KEY: generateNoteKey('integrity-square.test/fines').skey,
  });

  beforeAll(async () => {
    db = await createTestDatabase('token_jwks');
    jwks = createServer((_request, response) => {
      fetches++;
      const keys = [
        { ...es256.publicKey.export({ format: 'jwk' }), kid: 'es-2026', use: 'sig', alg: 'ES256' },
        { ...rs256.publicKey.export({ format: 'jwk' }), kid: 'rs-2026', use: 'sig' },
      ];
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/protocol/openid-connect/certs`;
    fines = await startServiceProcess('fines', { ...productionEnv(), JWT_JWKS_URL: jwksUrl });
  }, 120_000);
  afterAll(async () => {
    await fines?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
    await db?.drop();
  });

  const token = (key: typeof es256.privateKey, algorithm: jwt.Algorithm, kid: string, claims: object = {}) =>
    jwt.sign({ roles: ['auditor'], iss: ISSUER, aud: 'fines', ...claims }, key, {
      algorithm,
      keyid: kid,
      subject: 'auditor-7',
      expiresIn: '10m',
    });
  const list = (bearerToken: string) =>
    http('GET', `${fines.url}/fines`, { headers: { authorization: `Bearer ${bearerToken}` } });

  it('takes ES256 and RS256 tokens whose kid is in the set, fetched once', async () => {
    expect((await list(token(es256.privateKey, 'ES256', 'es-2026'))).status).toBe(200);
    expect((await list(token(rs256.privateKey, 'RS256', 'rs-2026'))).status).toBe(200);
    expect(fetches).toBe(1);
  });

  it('refuses an HS256 development token, an unknown kid and a token for another service', async () => {
    const dev = await http('GET', `${fines.url}/fines`, { headers: bearer('auditor') });
    expect(dev.status).toBe(401);
    expect(dev.body.reason).toBe('algorithm_not_accepted');
    expect((await list(token(es256.privateKey, 'ES256', 'forged'))).body.reason).toBe('unknown_key');
    expect((await list(token(es256.privateKey, 'ES256', 'es-2026', { aud: 'budgets' }))).body.reason).toBe(
      'wrong_audience',
    );
  });

  it.each([
    [
      'JWT_SECRET',
      { JWT_JWKS_URL: jwksUrlPlaceholder(), JWT_SECRET: 'a-production-secret-of-at-least-32-chars' },
      /JWT_SECRET is refused with NODE_ENV=production/,
    ],
    ['JWT_PUBLIC_KEY', {}, /JWT_PUBLIC_KEY \(RS256\/ES256 PEM\) or JWT_JWKS_URL is required in production/],
    [
      'JWT_ISSUER',
      { JWT_JWKS_URL: jwksUrlPlaceholder(), JWT_ISSUER: undefined },
      /JWT_ISSUER is required in production/,
    ],
    [
      'CHECKPOINT_SIGNING_KEY',
      { JWT_JWKS_URL: jwksUrlPlaceholder(), CHECKPOINT_SIGNING_KEY: composeDefault('FINES_CHECKPOINT_SIGNING_KEY') },
      /CHECKPOINT_SIGNING_KEY holds a secret committed to this repository/,
    ],
  ])('refuses to start naming %s (exit 1)', async (_variable, override, message) => {
    const refused = await startServiceProcess(
      'fines',
      { ...productionEnv(), ...override },
      { waitForListening: false },
    );
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toMatch(message);
  });
});

/** A development default docker-compose.yml commits (`${NAME:-value}`). */
function composeDefault(name: string): string {
  const value = new RegExp(`\\$\\{${name}:-([^}]+)\\}`).exec(
    readFileSync(join(process.cwd(), 'docker-compose.yml'), 'utf8'),
  )?.[1];
  if (!value) throw new Error(`docker-compose.yml has no default for ${name}`);
  return value;
}

/** Any https URL will do where the service must refuse before it fetches anything. */
function jwksUrlPlaceholder(): string {
  return 'https://id.integrity-square.test/certs';
}
