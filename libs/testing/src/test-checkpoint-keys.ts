import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNoteKey } from '@app/transparency';

/**
 * Checkpoint keys for a test's services, as an operator hands them out: each service's signer key to configure
 * (CHECKPOINT_SIGNING_KEY) and its verifier key written to `<dir>/<service>.vkey` for witnesses and auditors.
 */
export function testCheckpointKeys(
  dir: string,
  services: readonly string[],
  deployment = 'integrity-square.test',
): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  return Object.fromEntries(
    services.map((service) => {
      const key = generateNoteKey(`${deployment}/${service}`);
      writeFileSync(join(dir, `${service}.vkey`), `${key.vkey}\n`);
      return [service, key.skey];
    }),
  );
}
