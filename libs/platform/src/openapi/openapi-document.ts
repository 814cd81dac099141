import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDefinition } from '../bootstrap/service-definition';
import { describeDto, isDto } from './dto-schema';
import {
  ERROR_RESPONSE_NAMES,
  ERROR_SCHEMA,
  ERROR_SCHEMA_NAME,
  errorResponse,
  errorResponseComponents,
} from './error-responses';
import { describeIdempotencyKey } from '../idempotency/idempotency-openapi';
import { ROUTE_RESPONSE_HEADERS, ROUTE_RESPONSES } from './route-responses';
import { PATH_PARAMETERS } from '../http/path-parameter.pipe';
import { exampleOf } from './schema-example';
import { serviceRoutes, type ServiceRoute } from './service-routes';

export const OPENAPI_VERSION = '3.1.0';
/** The security scheme's name; each operation's requirement lists the roles that may call it. */
export const BEARER_SCHEME = 'bearer';

type Operation = {
  operationId?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: unknown; $ref?: string; headers?: unknown }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const SUCCESS = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' } as Record<string, string>;
const HEADER_PARAMETERS: Record<string, { name: string; description: string }> = {
  'if-match': {
    name: 'If-Match',
    description:
      'The stream version the caller last read, as its ETag (`"3"`); a stale one is a 409 naming both versions. Absent: no check.',
  },
};

/**
 * The headers handlers set by name (ROUTE_RESPONSE_HEADERS, read from their `setHeader` calls), on the answers they
 * come with. Content-Type is the media type's business, not a header's (OpenAPI 3.1 §4.8.17.2 ignores it); a header
 * missing here fails the generation, so none goes undocumented.
 */
const RESPONSE_HEADERS: Record<string, { name: string; on: 'success' | number; header: Record<string, unknown> }> = {
  etag: {
    name: 'ETag',
    on: 'success',
    header: {
      description:
        'The stream version this answer shows, or the one the command wrote, as an entity tag (`"3"`): send it as If-Match with the next command. On a photo, its SHA-256 (for If-None-Match).',
      schema: { type: 'string', pattern: '^"([1-9][0-9]*|[0-9a-f]{64})"$', examples: ['"3"'] },
    },
  },
  'cache-control': {
    name: 'Cache-Control',
    on: 'success',
    header: {
      description:
        'On a photo (GET /photos/{sha256}): `public, max-age=31536000, immutable`, since the bytes under a hash never change (its ETag is the hash).',
      schema: { type: 'string', examples: ['public, max-age=31536000, immutable'] },
    },
  },
  'content-disposition': {
    name: 'Content-Disposition',
    on: 'success',
    header: {
      description: 'On the CSV export: the file name to save it under.',
      schema: { type: 'string', examples: ['attachment; filename="budget-register-2026.csv"'] },
    },
  },
  location: {
    name: 'Location',
    on: 202,
    header: {
      description: 'Where the work accepted is answered for: poll it until its status is no longer running.',
      schema: { type: 'string', examples: ['/audit/verify/jobs/0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f'] },
    },
  },
  'retry-after': {
    name: 'Retry-After',
    on: 404,
    header: {
      description:
        'Present when the event is in the log but no signed checkpoint covers it yet: the seconds to wait before asking again.',
      schema: { type: 'integer', minimum: 0, examples: [5] },
    },
  },
};

/**
 * The service's OpenAPI 3.1 document, derived from what the code already declares: routes and their roles
 * (@Roles/@Public), request DTOs from their class-validator rules, answers from the handlers' return types
 * (route-responses.generated.json, `npm run openapi:generate`), the one error shape of DomainExceptionFilter.
 * Needs no database: the generator builds it from an app created in preview mode.
 */
export function createOpenApiDocument(
  app: INestApplication,
  definition: Pick<ServiceDefinition, 'name'>,
): OpenAPIObject {
  const routes = serviceRoutes(app);
  for (const route of routes) for (const type of route.inputTypes) if (isDto(type)) describeDto(type);
  const config = new DocumentBuilder()
    .setOpenAPIVersion(OPENAPI_VERSION)
    .setTitle(`Integrity Square: ${definition.name}`)
    .setDescription(
      `The ${definition.name} service's HTTP API. Routes are closed by default: each operation's security requirement ` +
        'names the roles whose bearer token may call it (any one of them suffices); an operation open to everyone ' +
        'says so with an empty requirement. Every error answers with the Error schema.',
    )
    .setVersion('1')
    .addSecurity(BEARER_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        "A JWT whose `roles` claim holds the caller's roles (a contractor's also carries its 12-digit `bin`); its " +
        'signature, issuer, audience and lifetime are checked as the service is configured.',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller}_${method}`,
  });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [ERROR_SCHEMA_NAME]: ERROR_SCHEMA as never },
    responses: errorResponseComponents(),
  };
  const byOperationId = new Map(routes.map((route) => [route.operationId, route]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const route = byOperationId.get(operation.operationId ?? '');
      if (!route)
        throw new Error(
          `OpenAPI: ${method.toUpperCase()} ${path} has no route handler (operationId ${operation.operationId})`,
        );
      secure(operation, route);
      describeHeaders(operation, route);
      describePathParameters(operation, path);
      describeAnswer(operation, route);
      describeErrors(operation, route, path);
      describeResponseHeaders(operation, route);
      describeIdempotencyKey(operation, method);
      describeMultipartBody(operation);
      exampleRequest(operation, document.components.schemas as Record<string, Record<string, unknown>>);
    }
  }
  return document;
}

/** OpenAPI 3.1 §4.8.30: for a scheme other than oauth2/openIdConnect, the requirement's array MAY list role names. */
function secure(operation: Operation, route: ServiceRoute): void {
  if (route.roles === undefined) {
    // Public: anyone, and a caller with a token may show it (some public routes tell a verified caller more).
    operation.security = [{}, { [BEARER_SCHEME]: [] }];
    return;
  }
  operation.security = [{ [BEARER_SCHEME]: [...route.roles] }];
  const who =
    route.roles.length > 0 ? `Roles: ${route.roles.join(', ')} (any one).` : 'Declares no roles: refused to everyone.';
  operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
}

function describeHeaders(operation: Operation, route: ServiceRoute): void {
  for (const header of route.requestHeaders) {
    const known = HEADER_PARAMETERS[header.toLowerCase()] ?? { name: header, description: '' };
    operation.parameters = (operation.parameters ?? []).filter(
      (p) => !(p.in === 'header' && p.name.toLowerCase() === header.toLowerCase()),
    );
    operation.parameters.push({ in: 'header', required: false, schema: { type: 'string' }, ...known } as never);
  }
}

/** A path parameter's schema is the shape PathParameterPipe holds it to; one it does not know fails the build. */
function describePathParameters(operation: Operation, path: string): void {
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'path') continue;
    const shape = PATH_PARAMETERS[parameter.name];
    if (shape === undefined)
      throw new Error(`OpenAPI: ${path} takes the path parameter ${parameter.name}; give its shape in PATH_PARAMETERS`);
    if (shape !== 'handler') Object.assign(parameter, { schema: shape.schema });
  }
}

/** A text answer's media type: text/*, or an XML one (application/xml, an RFC 6839 `+xml` type such as Atom's). */
const isTextMediaType = (contentType: string) => /^(text\/|[a-z]+\/([a-z0-9.+-]+\+)?xml\b)/i.test(contentType);

/** The success answer: the schema of the handler's return type, as text where the route says it answers text. */
function describeAnswer(operation: Operation, route: ServiceRoute): void {
  const contentType = route.responseHeaders.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const schema = ROUTE_RESPONSES[route.operationId];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!(status in SUCCESS)) continue;
    response.description ||= SUCCESS[status];
    if (response.content) continue;
    if (route.textAnswer) {
      // Text for some requests, JSON for the rest: the return type's string branch is the text.
      const json = Array.isArray(schema?.anyOf)
        ? (schema.anyOf as Record<string, unknown>[]).filter((branch) => branch.type !== 'string')
        : [];
      response.content = {
        [route.textAnswer]: { schema: { type: 'string' } },
        ...(json.length > 0 && { 'application/json': { schema: json.length === 1 ? json[0] : { anyOf: json } } }),
      };
    } else if (contentType && isTextMediaType(contentType))
      response.content = { [contentType.split(';')[0]]: { schema: { type: 'string' } } };
    else if (schema) response.content = { 'application/json': { schema } };
  }
}

function describeResponseHeaders(operation: Operation, route: ServiceRoute): void {
  for (const name of ROUTE_RESPONSE_HEADERS[route.operationId] ?? []) {
    if (name.toLowerCase() === 'content-type') continue;
    const known = RESPONSE_HEADERS[name.toLowerCase()];
    if (!known)
      throw new Error(
        `OpenAPI: ${route.operationId} sets the response header ${name}; describe it in RESPONSE_HEADERS`,
      );
    for (const [status, response] of Object.entries(operation.responses)) {
      if (known.on === 'success' ? !(status in SUCCESS) : Number(status) !== known.on) continue;
      // A shared error response ($ref) cannot take a header of its own: this operation's becomes its own copy.
      const target: Operation['responses'][string] = response.$ref ? errorResponse(Number(status)) : response;
      target.headers = { ...(target.headers as object | undefined), [known.name]: known.header };
      operation.responses[status] = target;
    }
  }
}

function describeErrors(operation: Operation, route: ServiceRoute, path: string): void {
  const responses = operation.responses;
  const hasPathParameters = path.includes('{');
  const takesInput =
    hasPathParameters || Boolean(operation.requestBody) || (operation.parameters ?? []).some((p) => p.in === 'query');
  const statuses = [
    ...(takesInput ? [400] : []),
    401,
    ...(route.roles !== undefined ? [403] : []),
    ...(hasPathParameters ? [404] : []),
    ...(route.method !== 'get' && route.roles !== undefined ? [409] : []),
  ];
  // An error response a route declares itself (e.g. @ApiUnprocessableEntityResponse) gets the shared shape too.
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400 && !response.content && !response.$ref)
      responses[status] = errorResponse(Number(status), response.description || undefined);
  }
  for (const status of statuses)
    responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSE_NAMES[status]}` };
}

/** The parts of a multipart/form-data alternative to a JSON body (@app/photo-evidence's uploads): the JSON, the files. */
export const MULTIPART_BODY_PART = 'body';
export const MULTIPART_FILES_PART = 'photos';

/**
 * A route consuming multipart/form-data besides JSON (@ApiConsumes) takes the same JSON in the part `body` and its
 * files in the parts `photos`; @nestjs/swagger gives every media type the JSON's schema, so this one is rewritten.
 */
function describeMultipartBody(operation: Operation): void {
  const content = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
  const json = content?.['application/json'];
  if (!content?.['multipart/form-data'] || !json?.schema) return;
  content['multipart/form-data'] = {
    schema: {
      type: 'object',
      required: [MULTIPART_BODY_PART],
      properties: {
        [MULTIPART_BODY_PART]: {
          ...(json.schema as object),
          description: 'The same JSON body as application/json takes.',
        },
        [MULTIPART_FILES_PART]: {
          type: 'array',
          description:
            'Photos, each a JPEG, PNG, WebP or HEIC by its content (names and Content-Types are ignored), at most ' +
            'PHOTO_MAX_BYTES each and PHOTO_MAX_COUNT in all; EXIF and GPS are stripped before they are stored.',
          items: { type: 'string', contentMediaType: 'application/octet-stream' },
        },
      },
    },
    encoding: { [MULTIPART_BODY_PART]: { contentType: 'application/json' } },
  } as never;
  operation.responses[413] ??= errorResponse(413, 'A photo is larger than PHOTO_MAX_BYTES, or has too many pixels');
  operation.responses[415] ??= errorResponse(415, 'A photos part is no JPEG, PNG, WebP or HEIC by its content');
  operation.responses[422] ??= errorResponse(422, 'A photos part starts as a photo but does not decode as one');
}

/** A request body's example: the smallest body its schema accepts (test/integration/openapi.int-spec.ts sends each). */
function exampleRequest(operation: Operation, schemas: Record<string, Record<string, unknown>>): void {
  const media = (
    operation.requestBody as
      { content?: Record<string, { schema?: Record<string, unknown>; examples?: unknown }> } | undefined
  )?.content?.['application/json'];
  if (!media?.schema || media.examples) return;
  const value = exampleOf(media.schema, schemas);
  if (value !== undefined) media.examples = { valid: { summary: 'A body the validation accepts', value } };
}
