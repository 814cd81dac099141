import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { COMMITTED_SECRET_DIGESTS } from './committed-secret-digests';
import type { EnvironmentVariables } from './environment.variables';

/** SHA-256 of a secret as configured: what the repository's list holds, so the list itself gives nothing away. */
export const secretDigest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** SHA-256 of a public key's SPKI encoding: a committed private key is found again through the public key it gives. */
export const publicKeyDigest = (key: KeyObject): string => {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `spki:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;
};

const known = new Set(COMMITTED_SECRET_DIGESTS);

function urlPassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

function publicKeyOf(pem: string | undefined): KeyObject | undefined {
  try {
    return pem ? createPublicKey(pem.replace(/\\n/g, '\n')) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The configured secrets that appear in this repository (compose defaults, docs, test fixtures): anyone can read
 * them, so they protect nothing. A JWT_PUBLIC_KEY counts when its private key is committed: anyone could sign.
 */
export function committedSecretsIn(vars: EnvironmentVariables): { variable: string; message: string }[] {
  const secrets: [string, string | undefined][] = [
    ['JWT_SECRET', vars.JWT_SECRET],
    ['ENVELOPE_SIGNING_KEY', vars.ENVELOPE_SIGNING_KEY],
    ['CHECKPOINT_SIGNING_KEY', vars.CHECKPOINT_SIGNING_KEY],
    ['KAFKA_SASL_PASSWORD', vars.KAFKA_SASL_PASSWORD],
    ['PERSONAL_DATA_SECRET', vars.PERSONAL_DATA_SECRET],
    ...(vars.PERSONAL_DATA_PREVIOUS_SECRETS ?? '')
      .split(',')
      .filter((entry) => entry.includes('='))
      .map((entry): [string, string] => ['PERSONAL_DATA_PREVIOUS_SECRETS', entry.slice(entry.indexOf('=') + 1)]),
    ['DATABASE_URL', urlPassword(vars.DATABASE_URL)],
    ['DATABASE_OWNER_URL', urlPassword(vars.DATABASE_OWNER_URL)],
  ];
  const found = secrets
    .filter(([, value]) => value !== undefined && known.has(secretDigest(value)))
    .map(([variable]) => ({
      variable,
      message: `${variable} holds a ${variable.endsWith('_URL') ? 'password' : 'secret'} committed to this repository (a development default anyone can read): make your own`,
    }));
  const publicKey = publicKeyOf(vars.JWT_PUBLIC_KEY);
  if (publicKey && known.has(publicKeyDigest(publicKey))) {
    found.push({
      variable: 'JWT_PUBLIC_KEY',
      message: 'JWT_PUBLIC_KEY belongs to a private key committed to this repository: anyone can sign tokens for it',
    });
  }
  return found;
}
