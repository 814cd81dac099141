// The console's page: Preact components built by Vite into dist/apps/console/web, which apps/console/src serves.
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // The typed client of the services' OpenAPI documents, the one the demo uses, resolved as tsconfig's alias.
  resolve: { alias: { '@app/api-client': here('../../../libs/api-client/src/index.ts') } },
  plugins: [preact()],
  build: { outDir: here('../../../dist/apps/console/web'), emptyOutDir: true, sourcemap: true },
  // The console server serves the page; `vite` alone (a dev server) passes /api and /console to one on :3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/console': 'http://127.0.0.1:3000' } },
});
