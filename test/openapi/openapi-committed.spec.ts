import { readFileSync } from 'node:fs';
import {
  currentOpenApiDocuments,
  documentPath,
  documentText,
  DOCUMENTED_SERVICES,
} from '../../scripts/openapi/openapi-documents';
import { renderPathTypes, typesPath } from '../../scripts/openapi/openapi-types';
import { routeResponseSchemas } from '../../scripts/openapi/route-response-schemas';
import { ROUTE_RESPONSES_FILE, routeResponsesModule } from '../../scripts/openapi/route-responses-file';
import { validateOpenApiDocument } from '../support/openapi-validation';

const REGENERATE = 'run `npm run openapi:generate` and commit what it writes';

// The committed documents and the typed client are what the code declares now: a route, a body or an answer changed
// without regenerating fails here (and the client's users fail to type-check once it is regenerated).
describe('the committed OpenAPI documents and client types', () => {
  it('hold the answers the route handlers return now', () => {
    expect({ file: ROUTE_RESPONSES_FILE, text: readFileSync(ROUTE_RESPONSES_FILE, 'utf8') }).toEqual({
      file: ROUTE_RESPONSES_FILE,
      text: routeResponsesModule(routeResponseSchemas()),
    });
  });

  it(`are each service's document as the code builds it, valid OpenAPI 3.1, and the types generated from it (else ${REGENERATE})`, async () => {
    const documents = await currentOpenApiDocuments();
    expect(Object.keys(documents).sort()).toEqual(DOCUMENTED_SERVICES.map((s) => s.name).sort());
    for (const [service, document] of Object.entries(documents)) {
      const committed = readFileSync(documentPath(service), 'utf8');
      expect({ file: documentPath(service), text: committed }).toEqual({
        file: documentPath(service),
        text: documentText(document),
      });
      await validateOpenApiDocument(JSON.parse(committed));
      expect({ file: typesPath(service), text: readFileSync(typesPath(service), 'utf8') }).toEqual({
        file: typesPath(service),
        text: await renderPathTypes(service, document),
      });
    }
  });
});
