import { SERVICE_NAMES, type ServiceName } from '@app/contracts';
import type { Projection } from '@app/event-store';
import type { ServiceDefinition } from '@app/platform';

/** What a service's folder offers the rest of the repository, from apps/<name>/src/<name>.service-definition.ts. */
export interface ServiceEntry {
  serviceDefinition: ServiceDefinition;
  /** Its own projections (the builtin ones come on top). */
  serviceProjections: Projection[];
}

/**
 * A registered service's entry, found by its name (libs/contracts/src/services.registry.ts): the embedded runner,
 * the OpenAPI generator and the operator scripts reach every service this way, so a new one needs no line in any of
 * them. Webpack bundles each apps/<name>/src/<name>.service-definition.ts into the importing bundle (eager).
 */
export async function serviceEntry(name: ServiceName): Promise<ServiceEntry> {
  const file = `apps/${name}/src/${name}.service-definition.ts`;
  const entry = (await import(
    /* webpackInclude: /\.service-definition\.ts$/ */
    /* webpackMode: "eager" */
    `../../${name}/src/${name}.service-definition`
  ).catch((error: unknown) => {
    throw new Error(`the registry names ${name}, but ${file} does not load: ${(error as Error).message}`);
  })) as Partial<ServiceEntry>;
  if (entry.serviceDefinition?.name !== name || !Array.isArray(entry.serviceProjections))
    throw new Error(`${file} must export serviceDefinition (named "${name}") and serviceProjections`);
  return entry as ServiceEntry;
}

/** Every registered service's definition, in the registry's order. */
export async function serviceDefinitions(): Promise<ServiceDefinition[]> {
  const entries = await Promise.all(SERVICE_NAMES.map(serviceEntry));
  return entries.map((entry) => entry.serviceDefinition);
}
