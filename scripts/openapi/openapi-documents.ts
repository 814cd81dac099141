import type { OpenAPIObject } from '@nestjs/swagger';
import { previewOpenApiDocument } from '../../libs/platform/src/openapi/preview-document';
import { budgetsService } from '../../apps/budgets/src/budgets.service-definition';
import { finesService } from '../../apps/fines/src/fines.service-definition';
import { monitoringService } from '../../apps/monitoring/src/monitoring.service-definition';
import { roadCasesService } from '../../apps/road-cases/src/road-cases.service-definition';

export const DOCUMENTED_SERVICES = [budgetsService, monitoringService, roadCasesService, finesService];
export type DocumentedService = 'budgets' | 'monitoring' | 'road-cases' | 'fines';

/** Where each service's document is committed, beside the repository's other docs. */
export const documentPath = (service: string) => `docs/openapi/${service}.json`;

/** Each service's OpenAPI document as the code declares it now (no database: Nest's preview mode). */
export async function currentOpenApiDocuments(): Promise<Record<DocumentedService, OpenAPIObject>> {
  const documents: Record<string, OpenAPIObject> = {};
  for (const definition of DOCUMENTED_SERVICES) documents[definition.name] = await previewOpenApiDocument(definition);
  return documents as Record<DocumentedService, OpenAPIObject>;
}

/** The file as committed: two-space JSON and a final newline, so a diff reads line by line. */
export const documentText = (document: OpenAPIObject) => JSON.stringify(document, null, 2) + '\n';
