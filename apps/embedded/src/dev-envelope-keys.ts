import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateEnvelopeKeyPair } from '@app/messaging';

type KeyFile = Record<string, { signingKey: string; publicKey: string }>;

/**
 * Development envelope keys of the embedded default, one Ed25519 pair per service, kept beside the data (like the JWT
 * secret) so a restart verifies what was published before. Returns each service's signing seed and the public keys.
 */
export function loadOrCreateDevEnvelopeKeys(
  file: string,
  services: string[],
): { signingKeys: Record<string, string>; publicKeys: string } {
  const keys: KeyFile = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as KeyFile) : {};
  let changed = false;
  for (const service of services) {
    if (!keys[service]) {
      keys[service] = generateEnvelopeKeyPair();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  }
  return {
    signingKeys: Object.fromEntries(services.map((s) => [s, keys[s].signingKey])),
    publicKeys: services.map((s) => `${s}=${keys[s].publicKey}`).join(','),
  };
}
