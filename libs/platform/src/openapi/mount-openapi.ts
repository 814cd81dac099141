import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { ServiceDefinition } from '../bootstrap/service-definition';
import { createOpenApiDocument } from './openapi-document';

export const DOCS_PATH = 'docs';

/**
 * GET /docs (Swagger UI) and /docs-json (the OpenAPI 3.1 document), public like the health probes: they are routes of
 * the HTTP server itself, not Nest controllers, so the deny-by-default guard never sees them. The UI's files come from
 * the swagger-ui-dist package and are served by the service, so the page works without a network.
 */
export function mountOpenApi(app: INestApplication, definition: Pick<ServiceDefinition, 'name'>): void {
  const document = createOpenApiDocument(app, definition);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    raw: ['json'],
    customSiteTitle: `Integrity Square: ${definition.name}`,
    // No validator badge: it would send the document to a server elsewhere.
    swaggerOptions: { validatorUrl: null, displayOperationId: true },
  });
}
