// Built by `npm run openapi:generate` with the project's webpack configuration (ts-loader emits the decorator
// metadata Nest reads, which tsx does not) and run once: writes each service's document to docs/openapi/.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentOpenApiDocuments, documentPath, documentText } from './openapi-documents';

async function main(): Promise<void> {
  const documents = await currentOpenApiDocuments();
  for (const [service, document] of Object.entries(documents)) {
    mkdirSync(dirname(documentPath(service)), { recursive: true });
    writeFileSync(documentPath(service), documentText(document));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
