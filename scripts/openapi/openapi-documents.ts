import type { OpenAPIObject } from '@nestjs/swagger';
import { SERVICE_REGISTRY, type ServiceName } from '@app/contracts';
import { previewOpenApiDocument } from '@app/platform';
import { serviceEntry } from '../../apps/embedded/src/service-entries';

/** Every registered service has its document. */
export const DOCUMENTED_SERVICES = SERVICE_REGISTRY;
export type DocumentedService = ServiceName;

/** Where each service's document is committed, beside the repository's other docs. */
export const documentPath = (service: string) => `docs/openapi/${service}.json`;

/** Each service's OpenAPI document as the code declares it now (no database: Nest's preview mode). */
export async function currentOpenApiDocuments(): Promise<Record<DocumentedService, OpenAPIObject>> {
  const documents: Record<string, OpenAPIObject> = {};
  for (const { name } of DOCUMENTED_SERVICES)
    documents[name] = await previewOpenApiDocument((await serviceEntry(name)).serviceDefinition);
  return documents as Record<DocumentedService, OpenAPIObject>;
}

/** The file as committed: two-space JSON and a final newline, so a diff reads line by line. */
export const documentText = (document: OpenAPIObject) => JSON.stringify(document, null, 2) + '\n';
