import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';

// Keywords of the OpenAPI 3.1 base vocabulary, beside JSON Schema 2020-12's own.
const OAS_KEYWORDS = ['discriminator', 'xml', 'externalDocs', 'example'];

/**
 * Throws unless the document is valid OpenAPI 3.1: the official 3.1 schema (swagger-parser, which also resolves every
 * $ref and checks path parameters), unique operation ids, and every Schema Object a valid JSON Schema 2020-12 of
 * the OAS dialect, compiled strictly (a 3.0-only keyword such as `nullable` is an error), which the 3.1 schema
 * leaves unchecked.
 */
export async function validateOpenApiDocument(document: Record<string, unknown>): Promise<void> {
  if (document.openapi !== '3.1.0') throw new Error(`openapi is ${String(document.openapi)}, not 3.1.0`);
  await SwaggerParser.validate(structuredClone(document) as never);
  const ids = Object.values(document.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
    (item) => Object.values(item).map((o) => o.operationId),
  );
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length > 0) throw new Error(`operationId not unique: ${repeated.join(', ')}`);
  const ajv = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false, allowUnionTypes: true });
  // Ajv knows OpenAPI 3.0's `nullable`; 3.1 has no such keyword (a type array says it), so it must count as unknown.
  ajv.removeKeyword('nullable');
  ajv.addVocabulary(OAS_KEYWORDS);
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  ajv.addSchema({ $id: 'urn:openapi:components', $defs: relinked(components.schemas ?? {}) });
  for (const [where, schema] of schemaObjects(document)) {
    try {
      ajv.compile(relinked(schema) as object);
    } catch (error) {
      throw new Error(`${where}: not a valid JSON Schema 2020-12: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Every Schema Object of the document with where it stands: components, parameters, bodies and answers. */
function schemaObjects(document: Record<string, unknown>): [string, unknown][] {
  const found: [string, unknown][] = [];
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  for (const [name, schema] of Object.entries(components.schemas ?? {}))
    found.push([`components/schemas/${name}`, schema]);
  const visit = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema' && value && typeof value === 'object') found.push([where, value]);
      else visit(value, `${where}/${key}`);
    }
  };
  visit(document.paths, 'paths');
  visit((document.components as Record<string, unknown> | undefined)?.responses, 'components/responses');
  return found;
}

const relinked = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:openapi:components#/$defs/'));
