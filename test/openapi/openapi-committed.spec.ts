import { readFileSync } from 'node:fs';
import {
  currentOpenApiDocuments,
  documentPath,
  documentText,
  DOCUMENTED_SERVICES,
} from '../../scripts/openapi/openapi-documents';
import {
  renderClientTypes,
  SERVICE_PATHS_FILE,
  servicePathsModule,
  SHARED_TYPES_FILE,
  typesPath,
} from '../../scripts/openapi/openapi-types';
import { routeAnswers } from '../../scripts/openapi/route-response-schemas';
import { ROUTE_RESPONSES_FILE, routeResponsesJson } from '../../scripts/openapi/route-responses-file';
import { validateOpenApiDocument } from '../support/openapi-validation';

const REGENERATE = 'run `npm run openapi:generate` and commit what it writes';

// The committed documents and the typed client are what the code declares now: a route, a body or an answer changed
// without regenerating fails here (and the client's users fail to type-check once it is regenerated).
describe('the committed OpenAPI documents and client types', () => {
  it('hold the answers the route handlers return now, and the headers they set', () => {
    expect({ file: ROUTE_RESPONSES_FILE, text: readFileSync(ROUTE_RESPONSES_FILE, 'utf8') }).toEqual({
      file: ROUTE_RESPONSES_FILE,
      text: routeResponsesJson(routeAnswers()),
    });
  });

  it(`are each service's document as the code builds it, valid OpenAPI 3.1, and the types generated from it (else ${REGENERATE})`, async () => {
    const documents = await currentOpenApiDocuments();
    expect(Object.keys(documents).sort()).toEqual(DOCUMENTED_SERVICES.map((s) => s.name).sort());
    const types = await renderClientTypes(documents);
    for (const [service, document] of Object.entries(documents)) {
      const committed = readFileSync(documentPath(service), 'utf8');
      expect({ file: documentPath(service), text: committed }).toEqual({
        file: documentPath(service),
        text: documentText(document),
      });
      await validateOpenApiDocument(JSON.parse(committed));
      expect({ file: typesPath(service), text: readFileSync(typesPath(service), 'utf8') }).toEqual({
        file: typesPath(service),
        text: types[typesPath(service)],
      });
    }
    expect({ file: SHARED_TYPES_FILE, text: readFileSync(SHARED_TYPES_FILE, 'utf8') }).toEqual({
      file: SHARED_TYPES_FILE,
      text: types[SHARED_TYPES_FILE],
    });
    expect({ file: SERVICE_PATHS_FILE, text: readFileSync(SERVICE_PATHS_FILE, 'utf8') }).toEqual({
      file: SERVICE_PATHS_FILE,
      text: servicePathsModule(DOCUMENTED_SERVICES.map((s) => s.name)),
    });
  });

  it('say that each command taking If-Match, and each read of one aggregate, answers its version as the ETag', async () => {
    type Operation = { parameters?: { in: string; name: string }[]; responses: Record<string, { headers?: object }> };
    const documents = await currentOpenApiDocuments();
    const withoutEtag: string[] = [];
    for (const [service, document] of Object.entries(documents))
      for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>))
        for (const [method, operation] of Object.entries(item)) {
          const takesIfMatch = operation.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match');
          const readsOne =
            method === 'get' && /^\/(institutions|programmes|contracts|reports|raids|cases|fines)\/\{\w+\}$/.test(path);
          if (!takesIfMatch && !readsOne) continue;
          for (const [status, response] of Object.entries(operation.responses))
            if (/^2/.test(status) && !(response.headers && 'ETag' in response.headers))
              withoutEtag.push(`${service} ${method.toUpperCase()} ${path} ${status}`);
        }
    expect(withoutEtag).toEqual([]);
    expect(documents.budgets.paths['/institutions/{bin}'].get?.responses['200']).toMatchObject({
      headers: { ETag: { schema: { type: 'string' } } },
    });
  });
});
