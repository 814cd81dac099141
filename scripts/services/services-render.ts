// Writes the files that name every service from the registry (libs/contracts/src/services.registry.ts), as
// scripts/services/service-files.ts makes them:
//   npm run services:render        after adding (or removing) a line of the registry
// A new service gets development keys in docker-compose.yml and its verifier key docker/keys/<name>.vkey; since those
// are committed secrets, the digest list a production service checks is written again too (npm run secrets:digests).
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceDefinitions } from '../../apps/embedded/src/service-entries';
import { DIGESTS_FILE, writeCommittedSecretDigests } from '../secrets/committed-secrets';
import { COMPOSE_FILE, renderServiceFiles, serviceFacts } from './service-files';

async function main(): Promise<void> {
  const root = process.cwd();
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const subscriptions = Object.fromEntries((await serviceDefinitions()).map((d) => [d.name, d.subscribes]));
  const services = serviceFacts(read(COMPOSE_FILE), subscriptions);
  for (const [file, text] of renderServiceFiles(read, services)) {
    if (existsSync(join(root, file)) && read(file) === text) continue;
    writeFileSync(join(root, file), text);
    process.stdout.write(`wrote ${file}\n`);
  }
  const made = services.filter((s) => s.newVerifierKey).map((s) => s.name);
  if (made.length > 0) {
    const count = writeCommittedSecretDigests(root);
    process.stdout.write(`development keys made for ${made.join(', ')}; ${count} digests in ${DIGESTS_FILE}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`services:render failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
