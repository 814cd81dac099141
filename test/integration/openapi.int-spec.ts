import { readFileSync } from 'node:fs';
import { SERVICE_NAMES } from '@app/contracts';
import { ROLES, type Role } from '@app/platform';
import { bearer, http } from '@app/testing';
import { fourServices, operationsOf, type Document, type Operation } from '../support/four-services';
import { validateOpenApiDocument } from '../support/openapi-validation';

/**
 * Nest logs each route its router maps: `Mapped {/cases/:id/verify, POST} route`; a path may hold an optional group,
 * `{/open311/v2/services{.:format}, GET}`, which the document writes `/open311/v2/services.{format}`.
 */
const MAPPED = /Mapped \{(\/[^,]*), (\w+)\} route/g;
const documentedPath = (path: string) => path.replace(/\{\.:(\w+)\}/g, '.{$1}').replace(/:(\w+)/g, '{$1}');
const ANY_ID = '00000000-0000-4000-8000-000000000000';
const BIN = '123456789012';

/** The roles an operation's security requirement names; undefined when it is open to everyone (an empty requirement). */
const rolesOf = (operation: Operation): string[] | undefined =>
  operation.security?.some((requirement) => Object.keys(requirement).length === 0)
    ? undefined
    : operation.security?.flatMap((r) => r.bearer ?? []);
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (/bin/i.test(name) ? BIN : name === 'format' ? 'json' : ANY_ID));
const tokenOf = (role: Role) => bearer(role, `openapi-${role}`, role === 'contractor' ? BIN : undefined);

// The four services as processes on real Postgres and Kafka: each serves its OpenAPI 3.1 document and Swagger UI
// without a token and without a network, the document is the one committed, it documents every route Nest maps,
// and the roles it names are exactly those the guard lets through.
describe('the OpenAPI documents the services serve', () => {
  const { services } = fourServices('openapi');
  const served = new Map<string, Document>();

  it.each(SERVICE_NAMES)(
    '%s serves /docs-json without a token: valid OpenAPI 3.1, the document committed in docs/openapi',
    async (name) => {
      const response = await http<Document>('GET', `${services[name].url}/docs-json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      served.set(name, response.body);
      await validateOpenApiDocument(response.body);
      expect(response.body).toEqual(JSON.parse(readFileSync(`docs/openapi/${name}.json`, 'utf8')));
      const operations = operationsOf(response.body);
      process.stdout.write(
        `${name}: ${Object.keys(response.body.paths).length} paths, ${operations.length} operations, ${JSON.stringify(response.body).length} bytes served\n`,
      );
    },
  );

  it.each(SERVICE_NAMES)('%s documents every route Nest maps, and nothing else', (name) => {
    const document = served.get(name)!;
    const mapped = [...services[name].output().matchAll(MAPPED)].map(
      ([, path, method]) => `${method.toLowerCase()} ${documentedPath(path)}`,
    );
    expect(mapped.length).toBeGreaterThan(10);
    const documented = operationsOf(document).map(({ method, path }) => `${method} ${path}`);
    expect([...documented].sort()).toEqual([...new Set(mapped)].sort());
  });

  it.each(SERVICE_NAMES)(
    '%s: each operation names the roles the guard enforces, and the errors it answers in the shared shape',
    async (name) => {
      const url = services[name].url;
      for (const { path, method, operation } of operationsOf(served.get(name)!)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, unauthenticated: operation.responses['401'] }).toEqual({
          where,
          unauthenticated: { $ref: '#/components/responses/Unauthenticated' },
        });
        const roles = rolesOf(operation);
        const call = (headers: Record<string, string> = {}) =>
          http(method.toUpperCase(), `${url}${concrete(path)}`, {
            headers: { ...headers, 'content-type': 'application/json' },
            body: method === 'get' ? undefined : {},
          });
        if (roles === undefined) {
          // Open to everyone: no token is no refusal.
          const status = (await call()).status;
          expect({ where, refused: status === 401 || status === 403 }).toEqual({ where, refused: false });
          continue;
        }
        expect({ where, roles }).toEqual({ where, roles: expect.arrayContaining([expect.any(String)]) });
        expect({ where, forbidden: operation.responses['403'] }).toEqual({
          where,
          forbidden: { $ref: '#/components/responses/Forbidden' },
        });
        expect({ where, status: (await call()).status }).toEqual({ where, status: 401 });
        for (const role of ROLES) {
          const answer = await call(tokenOf(role));
          const refusedByGuard =
            answer.status === 403 && /Requires one of the roles/.test(String(answer.body?.message));
          expect({ where, role, refusedByGuard }).toEqual({ where, role, refusedByGuard: !roles.includes(role) });
        }
      }
    },
  );

  it.each(SERVICE_NAMES)(
    '%s: every request body has an example, and the service validates it as well-formed',
    async (name) => {
      const url = services[name].url;
      for (const { path, method, operation } of operationsOf(served.get(name)!)) {
        if (!operation.requestBody) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const examples = Object.entries(
          (operation.requestBody.content['application/json']?.examples ?? {}) as Record<string, { value?: unknown }>,
        );
        expect({ where, examples: examples.length > 0 }).toEqual({ where, examples: true });
        const role = rolesOf(operation)?.[0] as Role | undefined;
        for (const [exampleName, { value }] of examples) {
          const answer = await http(method.toUpperCase(), `${url}${concrete(path)}`, {
            headers: role ? tokenOf(role) : {},
            body: value,
          });
          // The ValidationPipe's 400 names every failing field (`fields`); past it the handler may still refuse on
          // the merits (a programme that does not exist), which says nothing about the example.
          const byValidation = answer.status === 400 && Array.isArray(answer.body?.fields);
          expect({ where, exampleName, refused: byValidation ? answer.body : undefined }).toEqual({
            where,
            exampleName,
            refused: undefined,
          });
        }
      }
    },
  );

  it.each(SERVICE_NAMES)('%s serves Swagger UI at /docs from its own files, nothing from elsewhere', async (name) => {
    const url = services[name].url;
    const page = await http<string>('GET', `${url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const assets = [...page.body.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)=["']([^"']+)["']/g)].map(
      ([, asset]) => asset,
    );
    expect(assets).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/swagger-ui-bundle\.js$/),
        expect.stringMatching(/swagger-ui-init\.js$/),
        expect.stringMatching(/swagger-ui\.css$/),
      ]),
    );
    for (const asset of assets) {
      // Relative to the page: no scheme, no host of its own.
      expect({ asset, external: /^(?:[a-z]+:)?\/\//i.test(asset) }).toEqual({ asset, external: false });
      // Resolved as a browser resolves it against the page.
      const loaded = await fetch(new URL(asset, `${url}/docs`), { signal: AbortSignal.timeout(15_000) });
      expect({ asset, status: loaded.status }).toEqual({ asset, status: 200 });
      await loaded.arrayBuffer();
    }
    const init = await http<string>('GET', `${url}/docs/swagger-ui-init.js`);
    // The UI reads the document from the page itself, and shows no validator badge (which would send it elsewhere).
    expect(init.body).toMatch(/"validatorUrl":\s*null/);
    expect(init.body).toContain(`"title": "Integrity Square: ${name}"`);
  });
});
