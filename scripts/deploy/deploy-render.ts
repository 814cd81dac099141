// Writes deploy/kubernetes/*.yaml from scripts/deploy/kubernetes-manifests.ts, after validating every object against
// the Kubernetes schemas; test/deploy/kubernetes-manifests.spec.ts fails while the committed files differ.
//   npm run deploy:render
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { manifestFiles, renderedFiles } from './kubernetes-manifests';

const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'deploy', 'kubernetes');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

for (const objects of manifestFiles({ version }).values()) for (const object of objects) object.validate();
mkdirSync(out, { recursive: true });
for (const [file, text] of renderedFiles({ version }, (value) => stringify(value))) {
  writeFileSync(join(out, file), text);
  process.stdout.write(`wrote deploy/kubernetes/${file}\n`);
}
