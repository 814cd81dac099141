// Regenerates the OpenAPI documents and the typed client from the code:
//   npm run openapi:generate
// 1. each route's answer schema from its handler's return type, and the headers it sets
//    (libs/platform/src/openapi/route-responses.generated.json);
// 2. each service's document, docs/openapi/<service>.json, from an app in Nest's preview mode (no database);
// 3. the client's types, libs/api-client/src/generated/<service>.paths.ts (openapi-typescript), which extend those of
//    the routes every service serves alike, libs/api-client/src/generated/shared.paths.ts.
// A unit test (test/openapi/openapi-committed.spec.ts) fails while any of them differs from what the code gives now.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import webpack from 'webpack';
import { documentPath, DOCUMENTED_SERVICES } from './openapi/openapi-documents';
import { renderClientTypes, SERVICE_PATHS_FILE, servicePathsModule } from './openapi/openapi-types';
import { routeAnswers } from './openapi/route-response-schemas';
import { ROUTE_RESPONSES_FILE, routeResponsesJson } from './openapi/route-responses-file';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const baseConfig = require('../webpack.config.js') as webpack.Configuration;

async function buildDocumentsWriter(outDir: string): Promise<string> {
  const config: webpack.Configuration = {
    ...baseConfig,
    entry: { 'openapi-documents': './scripts/openapi/openapi-documents.entry.ts' },
    output: { ...baseConfig.output, path: outDir, clean: true },
  };
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    webpack(config, (error, result) => (error ? fail(error) : done(result!))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  return join(outDir, 'openapi-documents.js');
}

async function main(): Promise<void> {
  writeFileSync(ROUTE_RESPONSES_FILE, routeResponsesJson(routeAnswers()));
  process.stdout.write(`wrote ${ROUTE_RESPONSES_FILE}\n`);
  // Inside the repository, so the bundle's externals resolve from node_modules.
  const outDir = resolve('node_modules/.cache/openapi-generate');
  try {
    execFileSync(process.execPath, [await buildDocumentsWriter(outDir)], { stdio: 'inherit', cwd: resolve('.') });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const documents: Record<string, OpenAPIObject> = {};
  for (const { name } of DOCUMENTED_SERVICES) {
    const text = readFileSync(documentPath(name), 'utf8');
    const document = (documents[name] = JSON.parse(text) as OpenAPIObject);
    const operations = Object.values(document.paths as Record<string, object>).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    process.stdout.write(
      `wrote ${documentPath(name)} (${Object.keys(document.paths).length} paths, ${operations} operations, ${Buffer.byteLength(text)} bytes)\n`,
    );
  }
  for (const [file, text] of Object.entries(await renderClientTypes(documents))) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
  writeFileSync(SERVICE_PATHS_FILE, servicePathsModule(DOCUMENTED_SERVICES.map((s) => s.name)));
  process.stdout.write(`wrote ${SERVICE_PATHS_FILE}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
