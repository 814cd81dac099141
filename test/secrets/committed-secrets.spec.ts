import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNoteKey } from '@app/transparency';
import { ConfigError, loadServiceConfig } from '@app/platform';
import { COMMITTED_SECRET_DIGESTS } from '../../libs/platform/src/config/committed-secret-digests';
import { publicKeyDigest } from '../../libs/platform/src/config/committed-secrets.check';
import { committedSecrets, secretsInText } from '../../scripts/secrets/committed-secrets';

// A production service refuses any secret committed to the repository. The list it checks against is generated
// (npm run secrets:digests); this scan of the repository fails while a committed secret is missing from it.

const root = process.cwd();
const found = committedSecrets(root);
const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
/** The development default compose gives a variable of the budgets service: `NAME: ${BUDGETS_…:-value}`. */
const composeDefault = (pattern: RegExp) => pattern.exec(compose)?.[1] ?? '';

describe('secrets committed to the repository', () => {
  it('are found by the scan: compose defaults, checkpoint keys, test fixtures (the scan works)', () => {
    const values = found.map((s) => s.value);
    expect(values).toEqual(
      expect.arrayContaining([
        composeDefault(/JWT_SECRET:?-([^}]+)\}/),
        composeDefault(/BUDGETS_ENVELOPE_SIGNING_KEY:-([^}]+)\}/),
        composeDefault(/BUDGETS_CHECKPOINT_SIGNING_KEY:-([^}]+)\}/),
        composeDefault(/BUDGETS_RUNTIME_DB_PASSWORD:-([^}]+)\}/),
        'another-secret-that-is-long-enough-0000',
      ]),
    );
    expect(values.every((v) => v.length >= 8)).toBe(true);
  });

  it('are all in the digest list a production service checks (else: npm run secrets:digests)', () => {
    const listed = new Set(COMMITTED_SECRET_DIGESTS);
    expect(found.filter((s) => !listed.has(s.digest)).map((s) => `${s.file} (${s.kind})`)).toEqual([]);
  });

  it('include a committed PEM private key, as the digest of the public key a service would be given', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const inSource = `const key = '${pem.trim().replace(/\n/g, '\\n')}';`;
    for (const text of [pem, inSource]) {
      expect(secretsInText('fixture.ts', text).map((s) => s.digest)).toEqual([publicKeyDigest(publicKey)]);
    }
    expect(secretsInText('doc.md', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')).toEqual([]);
  });
});

describe('a service given a committed secret', () => {
  const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  const own = {
    DATABASE_URL: `postgres://budgets_runtime:${randomBytes(12).toString('hex')}@db:5432/integrity_square`,
    DATABASE_OWNER_URL: `postgres://budgets_svc:${randomBytes(12).toString('hex')}@db:5432/integrity_square`,
    KAFKA_BROKERS: 'kafka:9092',
    ENVELOPE_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64'),
    PERSONAL_DATA_SECRET: randomBytes(32).toString('base64'),
    CHECKPOINT_SIGNING_KEY: generateNoteKey('example.org/budgets').skey,
    JWT_PUBLIC_KEY: publicKey,
    JWT_ISSUER: 'https://id.example.kz',
  };
  const committed = {
    ENVELOPE_SIGNING_KEY: composeDefault(/BUDGETS_ENVELOPE_SIGNING_KEY:-([^}]+)\}/),
    CHECKPOINT_SIGNING_KEY: composeDefault(/BUDGETS_CHECKPOINT_SIGNING_KEY:-([^}]+)\}/),
    DATABASE_URL: `postgres://budgets_runtime:${composeDefault(/BUDGETS_RUNTIME_DB_PASSWORD:-([^}]+)\}/)}@db:5432/integrity_square`,
  };
  const load = (env: NodeJS.ProcessEnv) =>
    loadServiceConfig(env, { serviceName: 'budgets', defaultPort: 3001, requireKafka: true });

  it('starts in production with secrets of its own', () => {
    expect(load({ ...own, NODE_ENV: 'production' }).warnings).toEqual([]);
  });

  it('refuses to start in production, naming each variable that holds one', () => {
    let error: unknown;
    try {
      load({ ...own, ...committed, NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'CHECKPOINT_SIGNING_KEY',
      'DATABASE_URL',
      'ENVELOPE_SIGNING_KEY',
    ]);
    expect(problems.find((p) => p.variable === 'DATABASE_URL')?.message).toBe(
      'DATABASE_URL holds a password committed to this repository (a development default anyone can read): make your own',
    );
  });

  it('starts elsewhere (compose on a laptop), with a warning naming each', () => {
    const { warnings } = load({ ...own, ...committed, JWT_SECRET: composeDefault(/JWT_SECRET:?-([^}]+)\}/) });
    expect(warnings).toHaveLength(4);
    expect(warnings!.map((w) => w.split(' ')[0]).sort()).toEqual([
      'CHECKPOINT_SIGNING_KEY',
      'DATABASE_URL',
      'ENVELOPE_SIGNING_KEY',
      'JWT_SECRET',
    ]);
    expect(warnings![0]).toMatch(/\(refused with NODE_ENV=production\)$/);
  });
});
