import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The controllers the libraries mount in every service (@app/platform's health and metrics, @app/event-store's audit
 * and transparency log, @app/messaging's operations): their routes are one API however many services serve them, so
 * the client's types declare them once (shared.paths.ts) and each service's types extend them.
 */
export const SHARED_CONTROLLERS: ReadonlySet<string> = new Set([
  'HealthController',
  'MetricsController',
  'AuditController',
  'TransparencyController',
  'PersonalDataErasureController',
  'PingController',
  'ParkedController',
  'OutboxQuarantineController',
]);

/** What of a document every service serves alike: its paths, and the named schemas and responses they use. */
export interface SharedApiSlice {
  paths: ReadonlySet<string>;
  operations: ReadonlySet<string>;
  components: Readonly<Record<string, ReadonlySet<string>>>;
}

type PathItem = Record<string, { operationId?: string } | undefined>;
const REF = /"\$ref":"#\/components\/(\w+)\/([^"]+)"/g;

/**
 * The shared routes of a document: the paths whose every operation is a shared controller's. Its components are the
 * ones those routes name (transitively), and every error response (DomainExceptionFilter's, which all routes share).
 */
export function sharedApiSlice(document: OpenAPIObject): SharedApiSlice {
  const paths = Object.entries(document.paths as Record<string, PathItem>).filter(([, item]) => {
    const ids = Object.values(item).map((operation) => operation?.operationId?.split('_')[0]);
    return ids.length > 0 && ids.every((controller) => controller !== undefined && SHARED_CONTROLLERS.has(controller));
  });
  const components: Record<string, Set<string>> = {
    responses: new Set(Object.keys(document.components?.responses ?? {})),
  };
  const pending: unknown[] = [...paths.map(([, item]) => item), ...Object.values(document.components?.responses ?? {})];
  for (let node = pending.pop(); node !== undefined; node = pending.pop())
    for (const [, kind, name] of JSON.stringify(node).matchAll(REF)) {
      const named = (components[kind] ??= new Set());
      if (named.has(name)) continue;
      named.add(name);
      pending.push((document.components as Record<string, Record<string, unknown>>)[kind][name]);
    }
  return {
    paths: new Set(paths.map(([path]) => path)),
    operations: new Set(paths.flatMap(([, item]) => Object.values(item).map((operation) => operation!.operationId!))),
    components,
  };
}

/** The document of the shared routes alone, with the components they name: what shared.paths.ts is generated from. */
export function sharedApiDocument(document: OpenAPIObject): OpenAPIObject {
  const slice = sharedApiSlice(document);
  const pick = <T>(record: Record<string, T> | undefined, names: ReadonlySet<string> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).filter(([name]) => names?.has(name)));
  const components = document.components as Record<string, Record<string, unknown> | undefined>;
  return {
    openapi: document.openapi,
    info: { title: 'Integrity Square: the routes every service serves', version: document.info.version },
    paths: pick(document.paths, slice.paths),
    components: {
      securitySchemes: document.components?.securitySchemes,
      ...Object.fromEntries(
        Object.entries(slice.components).map(([kind, names]) => [kind, pick(components[kind], names)]),
      ),
    },
  } as OpenAPIObject;
}
