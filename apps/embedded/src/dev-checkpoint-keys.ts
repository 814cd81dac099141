import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNoteKey, parseSignerKey } from '@app/transparency';

/**
 * Development checkpoint keys of the embedded default: one C2SP signed-note key per service, named by its origin
 * `<deployment>/<service>`, kept in `<keys dir>/<service>.skey` (0600) with its verifier key beside it in
 * `<service>.vkey` — the file a witness or an auditor is handed. Made once, so checkpoints stay verifiable across
 * restarts. Returns each service's skey.
 */
export function loadOrCreateDevCheckpointKeys(
  keysDir: string,
  deployment: string,
  services: string[],
): Record<string, string> {
  mkdirSync(keysDir, { recursive: true, mode: 0o755 });
  return Object.fromEntries(
    services.map((service) => {
      const skeyFile = join(keysDir, `${service}.skey`);
      const vkeyFile = join(keysDir, `${service}.vkey`);
      if (!existsSync(skeyFile)) {
        const key = generateNoteKey(`${deployment}/${service}`);
        writeFileSync(skeyFile, `${key.skey}\n`, { mode: 0o600 });
        writeFileSync(vkeyFile, `${key.vkey}\n`, { mode: 0o644 });
      }
      const skey = readFileSync(skeyFile, 'utf8').trim();
      parseSignerKey(skey);
      return [service, skey];
    }),
  );
}
