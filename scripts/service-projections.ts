import type { ServiceName } from '../libs/contracts/src/service-names';
import { builtinProjections, type Projection } from '../libs/event-store/src/index';

/**
 * The projections a service's event store feeds, as EventStoreModule.forService({ projections }) gets them: the builtin
 * ones plus the service's own. Services add their own here later (e.g. 'road-cases': [roadCaseListProjection]), so the
 * operator scripts can rebuild and verify them too.
 */
const serviceProjections: Record<ServiceName, Projection[]> = {
  budgets: [],
  monitoring: [],
  'road-cases': [],
  fines: [],
};

export function projectionsOf(service: ServiceName): Projection[] {
  return [...builtinProjections, ...serviceProjections[service]];
}
