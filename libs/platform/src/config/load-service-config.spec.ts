import { generateKeyPairSync } from 'node:crypto';
import { thrownBy } from '@app/domain-kernel/testing';
import { generateNoteKey } from '@app/transparency';
import { ConfigError } from './config.error';
import { ENVIRONMENT_VARIABLE_NAMES } from './environment.variables';
import { loadServiceConfig, ServiceConfigDefaults } from './load-service-config';
import { DEVELOPMENT_PERSONAL_DATA_SECRET } from './personal-data-config';

const SECRET = 'x'.repeat(32);
/** The base64 of a 32-byte seed, the form ENVELOPE_SIGNING_KEY takes. */
const SIGNING_KEY = Buffer.alloc(32, 7).toString('base64');
/** The base64 of 32 bytes, the form PERSONAL_DATA_SECRET takes. */
const PERSONAL_DATA_KEY = Buffer.alloc(32, 9).toString('base64');
const pem = (type: 'rsa' | 'ec', options: object) =>
  generateKeyPairSync(type as 'rsa', options as { modulusLength: number })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
const RSA_PEM = pem('rsa', { modulusLength: 2048 });
/** As an operator puts a PEM into one line of an env file: newlines written as \n. */
const PUBLIC_KEY = RSA_PEM.trim().replace(/\n/g, '\\n');

const defaults: ServiceConfigDefaults = { serviceName: 'budgets', defaultPort: 3001, requireKafka: true };

const validEnv = (): NodeJS.ProcessEnv => ({
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/budgets',
  KAFKA_BROKERS: '127.0.0.1:9092,kafka-2:9093',
  JWT_SECRET: SECRET,
  ENVELOPE_SIGNING_KEY: SIGNING_KEY,
  PERSONAL_DATA_SECRET: PERSONAL_DATA_KEY,
});

/** validEnv as production takes it: an owner URL, a checkpoint key, tokens by public key and issuer, no HS256 secret. */
const productionEnv = (): NodeJS.ProcessEnv => {
  const { JWT_SECRET: _omit, ...env } = validEnv();
  return {
    ...env,
    NODE_ENV: 'production',
    DATABASE_OWNER_URL: 'postgres://owner@127.0.0.1:5432/budgets',
    CHECKPOINT_SIGNING_KEY: generateNoteKey('example.org/budgets').skey,
    JWT_PUBLIC_KEY: PUBLIC_KEY,
    JWT_ISSUER: 'https://id.example.kz',
  };
};

/** Runs loadServiceConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configErrorOf(env: NodeJS.ProcessEnv, overrides: Partial<ServiceConfigDefaults> = {}): ConfigError {
  return thrownBy(() => loadServiceConfig(env, { ...defaults, ...overrides }), ConfigError);
}

const variablesOf = (error: ConfigError) => error.problems.map((p) => p.variable);

describe('loadServiceConfig', () => {
  it('builds the ServiceConfig from a complete valid environment with defaults', () => {
    const config = loadServiceConfig(validEnv(), defaults);
    expect(config).toEqual({
      serviceName: 'budgets',
      port: 3001,
      databaseUrl: 'postgres://app@127.0.0.1:5432/budgets',
      databaseOwnerUrl: undefined,
      production: false,
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      kafkaNamespace: '',
      jwt: {
        secret: SECRET,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: 'integrity-square-dev',
        audience: 'budgets',
        maxLifetimeSeconds: 43_200,
      },
      logLevel: 'info',
      envelopeKeys: { signingKey: SIGNING_KEY, publicKeys: '' },
      checkpoints: { signingKey: undefined, intervalMs: 5000 },
      trustProxy: false,
      publicRateLimit: { burst: 120, perMinute: 60 },
      personalData: { keyId: 'pd1', secret: PERSONAL_DATA_KEY, previous: [], readerRoles: ['official', 'moderator'] },
      warnings: [],
    });
  });

  describe('PERSONAL_DATA_*', () => {
    it('requires the key in production, naming the variable; elsewhere the committed development key stands in', () => {
      expect(loadServiceConfig(productionEnv(), defaults).personalData.secret).toBe(PERSONAL_DATA_KEY);
      expect(variablesOf(configErrorOf({ ...productionEnv(), PERSONAL_DATA_SECRET: undefined }))).toEqual([
        'PERSONAL_DATA_SECRET',
      ]);
      const development = loadServiceConfig({ ...validEnv(), PERSONAL_DATA_SECRET: undefined }, defaults);
      expect(development.personalData.secret).toBe(DEVELOPMENT_PERSONAL_DATA_SECRET);
    });

    it('refuses the committed development key in production, and a key shorter than 32 bytes anywhere', () => {
      const error = configErrorOf({ ...productionEnv(), PERSONAL_DATA_SECRET: DEVELOPMENT_PERSONAL_DATA_SECRET });
      expect(variablesOf(error)).toEqual(['PERSONAL_DATA_SECRET']);
      expect(error.message).toContain('committed to this repository');
      const short = configErrorOf({ ...validEnv(), PERSONAL_DATA_SECRET: Buffer.alloc(16).toString('base64') });
      expect(variablesOf(short)).toEqual(['PERSONAL_DATA_SECRET']);
    });

    it('reads the key id, the rotated keys and the reader roles, refusing an unknown role and a reused key id', () => {
      const old = Buffer.alloc(32, 3).toString('base64');
      const config = loadServiceConfig(
        {
          ...validEnv(),
          PERSONAL_DATA_KEY_ID: 'pd2',
          PERSONAL_DATA_PREVIOUS_SECRETS: `pd1=${old}`,
          PERSONAL_DATA_ROLES: 'official,auditor',
        },
        defaults,
      );
      expect(config.personalData).toEqual({
        keyId: 'pd2',
        secret: PERSONAL_DATA_KEY,
        previous: [{ keyId: 'pd1', secret: old }],
        readerRoles: ['official', 'auditor'],
      });
      expect(variablesOf(configErrorOf({ ...validEnv(), PERSONAL_DATA_ROLES: 'official,janitor' }))).toEqual([
        'PERSONAL_DATA_ROLES',
      ]);
      expect(variablesOf(configErrorOf({ ...validEnv(), PERSONAL_DATA_PREVIOUS_SECRETS: `pd1=${old}` }))).toEqual([
        'PERSONAL_DATA_PREVIOUS_SECRETS',
      ]);
    });
  });

  it('parses PORT to a number and reads the optional variables', () => {
    const config = loadServiceConfig(
      {
        ...validEnv(),
        PORT: '8080',
        LOG_LEVEL: 'debug',
        KAFKA_NAMESPACE: 'run-1.a_b',
        DATABASE_URL: 'postgresql://u@h/db',
      },
      defaults,
    );
    expect(config.port).toBe(8080);
    expect(typeof config.port).toBe('number');
    expect(config.logLevel).toBe('debug');
    expect(config.kafkaNamespace).toBe('run-1.a_b');
    expect(config.databaseUrl).toBe('postgresql://u@h/db');
  });

  it('accepts a public key instead of a secret and turns escaped \\n into newlines', () => {
    const { JWT_SECRET: _omit, ...env } = validEnv();
    const config = loadServiceConfig({ ...env, JWT_PUBLIC_KEY: PUBLIC_KEY }, defaults);
    expect(config.jwt.secret).toBeUndefined();
    expect(config.jwt.publicKey).toBe(RSA_PEM.trim());
  });

  it('ignores variables it does not know', () => {
    expect(() => loadServiceConfig({ ...validEnv(), SOMETHING_ELSE: 'whatever' }, defaults)).not.toThrow();
  });

  describe('DATABASE_URL', () => {
    it('is required', () => {
      const { DATABASE_URL: _omit, ...env } = validEnv();
      expect(variablesOf(configErrorOf(env))).toEqual(['DATABASE_URL']);
    });

    it('must be a postgres:// URL', () => {
      const error = configErrorOf({ ...validEnv(), DATABASE_URL: 'mysql://app@127.0.0.1/db' });
      expect(variablesOf(error)).toEqual(['DATABASE_URL']);
      expect(error.problems[0].message).toMatch(/postgres:\/\//);
    });
  });

  describe('KAFKA_BROKERS', () => {
    it('is required when requireKafka is true', () => {
      const { KAFKA_BROKERS: _omit, ...env } = validEnv();
      expect(variablesOf(configErrorOf(env))).toEqual(['KAFKA_BROKERS']);
    });

    it('may be missing when requireKafka is false, giving kafkaBrokers null', () => {
      const { KAFKA_BROKERS: _omit, ...env } = validEnv();
      const config = loadServiceConfig(env, { ...defaults, requireKafka: false });
      expect(config.kafkaBrokers).toBeNull();
    });

    it.each(['127.0.0.1', 'host:port', 'a:1,,b:2', 'a:1 b:2', 'a:123456'])('refuses the malformed list %p', (value) => {
      expect(variablesOf(configErrorOf({ ...validEnv(), KAFKA_BROKERS: value }))).toEqual(['KAFKA_BROKERS']);
    });

    it('is still checked when requireKafka is false', () => {
      const error = configErrorOf({ ...validEnv(), KAFKA_BROKERS: 'nope' }, { requireKafka: false });
      expect(variablesOf(error)).toEqual(['KAFKA_BROKERS']);
    });
  });

  describe('JWT keys', () => {
    it('needs JWT_SECRET or JWT_PUBLIC_KEY', () => {
      const { JWT_SECRET: _omit, ...env } = validEnv();
      expect(variablesOf(configErrorOf(env))).toEqual(['JWT_SECRET']);
    });

    it('refuses a JWT_SECRET shorter than 32 characters', () => {
      const error = configErrorOf({ ...validEnv(), JWT_SECRET: 'x'.repeat(31) });
      expect(variablesOf(error)).toEqual(['JWT_SECRET']);
      expect(error.problems[0].message).toMatch(/32/);
    });

    it('refuses a JWT_PUBLIC_KEY that is not PEM', () => {
      expect(variablesOf(configErrorOf({ ...validEnv(), JWT_PUBLIC_KEY: 'not a key' }))).toEqual(['JWT_PUBLIC_KEY']);
    });
  });

  describe('token settings (JWT_ISSUER, JWT_AUDIENCE, JWT_MAX_LIFETIME, JWT_JWKS_URL)', () => {
    it('default to the development issuer, the service as audience and 12 hours', () => {
      expect(loadServiceConfig(validEnv(), { ...defaults, serviceName: 'road-cases' }).jwt).toMatchObject({
        issuer: 'integrity-square-dev',
        audience: 'road-cases',
        maxLifetimeSeconds: 12 * 3600,
      });
    });

    it('are read when given', () => {
      const env = {
        ...validEnv(),
        JWT_ISSUER: 'https://id.example.kz/realms/zhambyl',
        JWT_AUDIENCE: 'integrity-square',
        JWT_MAX_LIFETIME: '15m',
      };
      expect(loadServiceConfig(env, defaults).jwt).toMatchObject({
        issuer: env.JWT_ISSUER,
        audience: 'integrity-square',
        maxLifetimeSeconds: 900,
      });
      expect(loadServiceConfig({ ...validEnv(), JWT_MAX_LIFETIME: '600' }, defaults).jwt.maxLifetimeSeconds).toBe(600);
      expect(loadServiceConfig({ ...validEnv(), JWT_MAX_LIFETIME: '1d' }, defaults).jwt.maxLifetimeSeconds).toBe(
        86_400,
      );
    });

    it.each([
      ['JWT_MAX_LIFETIME', 'forever'],
      ['JWT_MAX_LIFETIME', '0'],
      ['JWT_MAX_LIFETIME', '12 h'],
      ['JWT_ISSUER', 'two words'],
      ['JWT_AUDIENCE', 'a b'],
      ['JWT_JWKS_URL', 'http://id.example.kz/jwks'],
      ['JWT_JWKS_URL', 'http://localhost.example.kz/jwks'],
      ['JWT_JWKS_URL', 'ftp://x/jwks'],
    ])('name %s when it is %p', (variable, value) => {
      expect(variablesOf(configErrorOf({ ...validEnv(), [variable]: value }))).toEqual([variable]);
    });

    it('take an https JWKS URL, or http on loopback, in place of a secret', () => {
      const { JWT_SECRET: _omit, ...env } = validEnv();
      for (const url of [
        'https://id.example.kz/realms/z/protocol/openid-connect/certs',
        'http://127.0.0.1:8081/jwks.json',
        'http://localhost/jwks',
        'http://[::1]:9/k',
      ]) {
        expect(loadServiceConfig({ ...env, JWT_JWKS_URL: url }, defaults).jwt).toMatchObject({
          jwksUrl: url,
          secret: undefined,
        });
      }
    });

    it('refuse a public key RS256/ES256 cannot use', () => {
      const weak = configErrorOf({ ...validEnv(), JWT_PUBLIC_KEY: pem('rsa', { modulusLength: 1024 }) });
      expect(variablesOf(weak)).toEqual(['JWT_PUBLIC_KEY']);
      expect(weak.message).toContain('JWT_PUBLIC_KEY is an RSA key of 1024 bits');
      expect(configErrorOf({ ...validEnv(), JWT_PUBLIC_KEY: pem('ec', { namedCurve: 'P-384' }) }).message).toContain(
        'ES256 needs P-256',
      );
      expect(
        loadServiceConfig({ ...validEnv(), JWT_PUBLIC_KEY: pem('ec', { namedCurve: 'P-256' }) }, defaults).jwt
          .publicKey,
      ).toContain('BEGIN PUBLIC KEY');
    });
  });

  describe('tokens with NODE_ENV=production', () => {
    it('start with an asymmetric key and a named issuer, and check no HS256 secret', () => {
      expect(loadServiceConfig(productionEnv(), defaults).jwt).toMatchObject({
        secret: undefined,
        publicKey: RSA_PEM.trim(),
        issuer: 'https://id.example.kz',
        audience: 'budgets',
      });
      const { JWT_PUBLIC_KEY: _omit, ...jwks } = productionEnv();
      expect(loadServiceConfig({ ...jwks, JWT_JWKS_URL: 'https://id.example.kz/jwks' }, defaults).jwt.jwksUrl).toBe(
        'https://id.example.kz/jwks',
      );
    });

    it('refuse JWT_SECRET, naming it, even beside a public key', () => {
      const error = configErrorOf({ ...productionEnv(), JWT_SECRET: SECRET });
      expect(variablesOf(error)).toEqual(['JWT_SECRET']);
      expect(error.message).toContain('JWT_SECRET is refused with NODE_ENV=production');
    });

    it('require JWT_PUBLIC_KEY or JWT_JWKS_URL, and JWT_ISSUER', () => {
      const { JWT_PUBLIC_KEY: _key, JWT_ISSUER: _issuer, ...env } = productionEnv();
      const error = configErrorOf(env);
      expect(variablesOf(error)).toEqual(['JWT_PUBLIC_KEY', 'JWT_ISSUER']);
      expect(error.message).toContain('JWT_PUBLIC_KEY (RS256/ES256 PEM) or JWT_JWKS_URL is required in production');
      expect(error.message).toContain('JWT_ISSUER is required in production');
    });
  });

  describe('PORT', () => {
    it.each(['abc', '80a', '-1', '3.5'])('refuses the non-numeric value %p', (value) => {
      expect(variablesOf(configErrorOf({ ...validEnv(), PORT: value }))).toEqual(['PORT']);
    });

    it('refuses a port above 65535', () => {
      expect(variablesOf(configErrorOf({ ...validEnv(), PORT: '65536' }))).toEqual(['PORT']);
    });

    it('accepts 65535', () => {
      expect(loadServiceConfig({ ...validEnv(), PORT: '65535' }, defaults).port).toBe(65535);
    });
  });

  it('refuses an unknown LOG_LEVEL', () => {
    expect(variablesOf(configErrorOf({ ...validEnv(), LOG_LEVEL: 'trace' }))).toEqual(['LOG_LEVEL']);
  });

  it('refuses a KAFKA_NAMESPACE with uppercase letters', () => {
    expect(variablesOf(configErrorOf({ ...validEnv(), KAFKA_NAMESPACE: 'Run1' }))).toEqual(['KAFKA_NAMESPACE']);
  });

  it('reports every problem at once', () => {
    const error = configErrorOf({ DATABASE_URL: 'http://x', PORT: '99999', LOG_LEVEL: 'loud', KAFKA_NAMESPACE: 'UP' });
    expect(variablesOf(error).sort()).toEqual(
      [
        'DATABASE_URL',
        'ENVELOPE_SIGNING_KEY',
        'JWT_SECRET',
        'KAFKA_BROKERS',
        'KAFKA_NAMESPACE',
        'LOG_LEVEL',
        'PORT',
      ].sort(),
    );
    for (const problem of error.problems) expect(error.message).toContain(problem.message);
  });

  it('treats empty strings as unset', () => {
    const config = loadServiceConfig(
      { ...validEnv(), PORT: '', LOG_LEVEL: '', KAFKA_NAMESPACE: '', JWT_PUBLIC_KEY: '' },
      defaults,
    );
    expect(config.port).toBe(3001);
    expect(config.logLevel).toBe('info');
    expect(config.kafkaNamespace).toBe('');
    expect(config.jwt.publicKey).toBeUndefined();

    const error = configErrorOf({ DATABASE_URL: '', KAFKA_BROKERS: '', JWT_SECRET: '' });
    expect(variablesOf(error).sort()).toEqual(['DATABASE_URL', 'ENVELOPE_SIGNING_KEY', 'JWT_SECRET', 'KAFKA_BROKERS']);

    const { KAFKA_BROKERS: _omit, ...env } = validEnv();
    expect(
      loadServiceConfig({ ...env, KAFKA_BROKERS: '' }, { ...defaults, requireKafka: false }).kafkaBrokers,
    ).toBeNull();
  });

  describe('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD', () => {
    // requireKafka: false keeps these cases about SASL alone (no other variable becomes required).
    const only = { requireKafka: false };
    const sasl = {
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'road-cases',
      KAFKA_SASL_PASSWORD: 'p@ss word,=]',
    };

    it('are optional: without them the client connects unauthenticated', () => {
      expect(loadServiceConfig(validEnv(), { ...defaults, ...only }).kafkaSasl).toBeUndefined();
    });

    it('are read together, the password unchanged', () => {
      expect(loadServiceConfig({ ...validEnv(), ...sasl }, { ...defaults, ...only }).kafkaSasl).toEqual({
        mechanism: 'scram-sha-512',
        username: 'road-cases',
        password: 'p@ss word,=]',
      });
    });

    it.each(['scram-sha-256', 'scram-sha-512', 'plain', 'SCRAM-SHA-512'])(
      'accept the mechanism %s (lowercased)',
      (mechanism) => {
        const config = loadServiceConfig(
          { ...validEnv(), ...sasl, KAFKA_SASL_MECHANISM: mechanism },
          { ...defaults, ...only },
        );
        expect(config.kafkaSasl?.mechanism).toBe(mechanism.toLowerCase());
      },
    );

    it('refuse an unknown mechanism, naming the variable and the choices', () => {
      const error = configErrorOf({ ...validEnv(), ...sasl, KAFKA_SASL_MECHANISM: 'gssapi' }, only);
      expect(variablesOf(error)).toEqual(['KAFKA_SASL_MECHANISM']);
      expect(error.problems[0].message).toBe('KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512, plain');
    });

    it.each([['KAFKA_SASL_MECHANISM'], ['KAFKA_SASL_USERNAME'], ['KAFKA_SASL_PASSWORD']])(
      'refuse two of the three: %s missing is named',
      (missing) => {
        const env: NodeJS.ProcessEnv = { ...validEnv(), ...sasl };
        delete env[missing];
        const error = configErrorOf(env, only);
        expect(variablesOf(error)).toEqual([missing]);
        expect(error.problems[0].message).toMatch(new RegExp(`^${missing} is required with KAFKA_SASL_`));
        expect(error.message).toContain(missing);
      },
    );

    it('refuse one of the three, naming both missing ones', () => {
      const error = configErrorOf({ ...validEnv(), KAFKA_SASL_USERNAME: 'fines' }, only);
      expect(variablesOf(error)).toEqual(['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_PASSWORD']);
      expect(error.problems[0].message).toBe(
        'KAFKA_SASL_MECHANISM is required with KAFKA_SASL_USERNAME (the three KAFKA_SASL_* go together)',
      );
    });

    it('treat empty values as unset (an empty password is a missing one)', () => {
      expect(variablesOf(configErrorOf({ ...validEnv(), ...sasl, KAFKA_SASL_PASSWORD: '' }, only))).toEqual([
        'KAFKA_SASL_PASSWORD',
      ]);
      const none = { KAFKA_SASL_MECHANISM: '', KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' };
      expect(loadServiceConfig({ ...validEnv(), ...none }, { ...defaults, ...only }).kafkaSasl).toBeUndefined();
    });

    it('refuse a user name with spaces', () => {
      expect(variablesOf(configErrorOf({ ...validEnv(), ...sasl, KAFKA_SASL_USERNAME: 'road cases' }, only))).toEqual([
        'KAFKA_SASL_USERNAME',
      ]);
    });

    it('are known names (the compose file test checks against the list)', () => {
      expect(ENVIRONMENT_VARIABLE_NAMES).toEqual(
        expect.arrayContaining(['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']),
      );
    });
  });

  describe('ENVELOPE_SIGNING_KEY and ENVELOPE_PUBLIC_KEYS', () => {
    const noKey = () => {
      const { ENVELOPE_SIGNING_KEY: _omit, ...env } = validEnv();
      return env;
    };

    it('a standalone service refuses to start without its signing key, naming the variable', () => {
      expect(variablesOf(configErrorOf(noKey()))).toEqual(['ENVELOPE_SIGNING_KEY']);
    });

    it('NODE_ENV=production refuses without it even where no broker is required', () => {
      const owner = { DATABASE_OWNER_URL: 'postgres://owner@127.0.0.1:5432/budgets' };
      const variables = variablesOf(
        configErrorOf({ ...noKey(), ...owner, NODE_ENV: 'production' }, { requireKafka: false }),
      );
      expect(variables).toContain('ENVELOPE_SIGNING_KEY');
      expect(variables).not.toContain('DATABASE_OWNER_URL');
      expect(loadServiceConfig(noKey(), { ...defaults, requireKafka: false }).envelopeKeys.signingKey).toBeUndefined();
    });

    it('refuses a key that is not the base64 of 32 bytes, and a malformed public key list', () => {
      expect(variablesOf(configErrorOf({ ...validEnv(), ENVELOPE_SIGNING_KEY: 'c2hvcnQ=' }))).toEqual([
        'ENVELOPE_SIGNING_KEY',
      ]);
      const error = configErrorOf({ ...validEnv(), ENVELOPE_PUBLIC_KEYS: `monitoring=${SIGNING_KEY};fines=x` });
      expect(variablesOf(error)).toEqual(['ENVELOPE_PUBLIC_KEYS']);
      expect(error.message).toContain('service=<base64 Ed25519 public key>');
    });

    it('reads the public keys of the services it reads', () => {
      const list = `monitoring=${SIGNING_KEY},road-cases=${SIGNING_KEY}`;
      expect(loadServiceConfig({ ...validEnv(), ENVELOPE_PUBLIC_KEYS: list }, defaults).envelopeKeys).toEqual({
        signingKey: SIGNING_KEY,
        publicKeys: list,
      });
    });
  });

  describe('DATABASE_OWNER_URL', () => {
    const owner = 'postgres://budgets_owner:pw@127.0.0.1:5432/budgets';

    it('is optional outside production, and read into databaseOwnerUrl when given', () => {
      expect(loadServiceConfig(validEnv(), defaults).databaseOwnerUrl).toBeUndefined();
      const config = loadServiceConfig({ ...validEnv(), DATABASE_OWNER_URL: owner }, defaults);
      expect(config.databaseOwnerUrl).toBe(owner);
      expect(config.databaseUrl).toBe('postgres://app@127.0.0.1:5432/budgets');
    });

    it('must be a postgres:// URL', () => {
      const error = configErrorOf({ ...validEnv(), DATABASE_OWNER_URL: 'mysql://x' });
      expect(variablesOf(error)).toEqual(['DATABASE_OWNER_URL']);
      expect(error.message).toContain('DATABASE_OWNER_URL must be a postgres:// URL');
    });

    it('is required with NODE_ENV=production, naming the variable', () => {
      const error = configErrorOf({ ...validEnv(), NODE_ENV: 'production' });
      expect(variablesOf(error)).toContain('DATABASE_OWNER_URL');
      expect(error.message).toContain('DATABASE_OWNER_URL is required in production');
      const given = variablesOf(configErrorOf({ ...validEnv(), NODE_ENV: 'production', DATABASE_OWNER_URL: owner }));
      expect(given).not.toContain('DATABASE_OWNER_URL');
      expect(loadServiceConfig({ ...validEnv(), DATABASE_OWNER_URL: owner }, defaults).production).toBe(false);
    });

    it('is a known name (the compose file test checks against the list)', () => {
      expect(ENVIRONMENT_VARIABLE_NAMES).toContain('DATABASE_OWNER_URL');
    });
  });

  describe('TRUST_PROXY', () => {
    it.each<[string, unknown]>([
      ['false', false],
      ['true', true],
      ['1', 1],
      ['loopback', ['loopback']],
      ['10.0.0.0/8, 172.16.0.0/12,fd00::/8', ['10.0.0.0/8', '172.16.0.0/12', 'fd00::/8']],
      ['uniquelocal,192.168.1.7', ['uniquelocal', '192.168.1.7']],
    ])("reads %j in express's forms", (raw, expected) => {
      expect(loadServiceConfig({ ...validEnv(), TRUST_PROXY: raw }, defaults).trustProxy).toEqual(expected);
    });

    it.each(['yes', '10.0.0.0/33', '300.1.1.1', 'loopback,nowhere', '-1', '10.0.0.1/8/1'])(
      'refuses %j, naming it',
      (raw) => {
        const error = configErrorOf({ ...validEnv(), TRUST_PROXY: raw });
        expect(variablesOf(error)).toEqual(['TRUST_PROXY']);
        expect(error.message).toContain('TRUST_PROXY must be false, true, a hop count');
      },
    );
  });

  describe('PUBLIC_RATE_LIMIT_*', () => {
    it('reads the burst and the refill per minute', () => {
      const env = { ...validEnv(), PUBLIC_RATE_LIMIT_BURST: '10', PUBLIC_RATE_LIMIT_PER_MINUTE: '3' };
      expect(loadServiceConfig(env, defaults).publicRateLimit).toEqual({ burst: 10, perMinute: 3 });
    });

    it.each(['0', '-5', '1.5', 'lots'])('refuses %j, naming both variables', (raw) => {
      const error = configErrorOf({ ...validEnv(), PUBLIC_RATE_LIMIT_BURST: raw, PUBLIC_RATE_LIMIT_PER_MINUTE: raw });
      expect(variablesOf(error)).toEqual(['PUBLIC_RATE_LIMIT_BURST', 'PUBLIC_RATE_LIMIT_PER_MINUTE']);
      expect(error.message).toContain('PUBLIC_RATE_LIMIT_BURST must be a positive integer');
    });
  });

  describe('CHECKPOINT_SIGNING_KEY', () => {
    const key = (name: string) => generateNoteKey(name).skey;
    const owner = 'postgres://owner@127.0.0.1:5432/budgets';

    it('is required with NODE_ENV=production, naming the variable, and optional elsewhere', () => {
      const asymmetric: NodeJS.ProcessEnv = {
        ...validEnv(),
        JWT_SECRET: undefined,
        JWT_PUBLIC_KEY: PUBLIC_KEY,
        JWT_ISSUER: 'https://id.example.kz',
      };
      const error = configErrorOf({ ...asymmetric, NODE_ENV: 'production', DATABASE_OWNER_URL: owner });
      expect(variablesOf(error)).toEqual(['CHECKPOINT_SIGNING_KEY']);
      expect(error.message).toContain('CHECKPOINT_SIGNING_KEY is required in production');
      const production = loadServiceConfig(
        {
          ...asymmetric,
          NODE_ENV: 'production',
          DATABASE_OWNER_URL: owner,
          CHECKPOINT_SIGNING_KEY: key('example.org/budgets'),
        },
        defaults,
      );
      expect(production.checkpoints.signingKey).toMatch(/^PRIVATE\+KEY\+example\.org\/budgets\+/);
      expect(loadServiceConfig(validEnv(), defaults).checkpoints).toEqual({ signingKey: undefined, intervalMs: 5000 });
    });

    it('must be a C2SP signer key named <deployment>/<service>', () => {
      expect(configErrorOf({ ...validEnv(), CHECKPOINT_SIGNING_KEY: 'not a key' }).message).toContain(
        'CHECKPOINT_SIGNING_KEY must be a C2SP signed-note private key',
      );
      const otherService = configErrorOf({ ...validEnv(), CHECKPOINT_SIGNING_KEY: key('example.org/fines') });
      expect(otherService.message).toContain('must be <deployment>/budgets');
      expect(configErrorOf({ ...validEnv(), CHECKPOINT_SIGNING_KEY: key('budgets') }).message).toContain(
        'must be <deployment>/budgets',
      );
    });

    it('reads CHECKPOINT_INTERVAL_MS, never below 100 ms', () => {
      expect(
        loadServiceConfig({ ...validEnv(), CHECKPOINT_INTERVAL_MS: '1500' }, defaults).checkpoints.intervalMs,
      ).toBe(1500);
      expect(loadServiceConfig({ ...validEnv(), CHECKPOINT_INTERVAL_MS: '5' }, defaults).checkpoints.intervalMs).toBe(
        100,
      );
      expect(variablesOf(configErrorOf({ ...validEnv(), CHECKPOINT_INTERVAL_MS: 'soon' }))).toEqual([
        'CHECKPOINT_INTERVAL_MS',
      ]);
    });
  });
});
