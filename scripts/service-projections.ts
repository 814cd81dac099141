import type { ServiceName } from '@app/contracts';
import { builtinProjections, type Projection } from '@app/event-store';
import { budgetProjections } from '../apps/budgets/src/projections/budget-projections';
import { roadCaseProjections } from '../apps/road-cases/src/projections/road-case-projections';
import { monitoringProjections } from '../apps/monitoring/src/projections/monitoring-projections';
import { fineProjections } from '../apps/fines/src/projections/fine-projections';

/**
 * The projections a service's event store feeds, as EventStoreModule.forService({ projections }) gets them: the builtin
 * ones plus the service's own. Each service lists its own here, so the operator scripts can rebuild and verify them too.
 */
const serviceProjections: Record<ServiceName, Projection[]> = {
  budgets: budgetProjections,
  monitoring: monitoringProjections,
  'road-cases': roadCaseProjections,
  fines: fineProjections,
};

export function projectionsOf(service: ServiceName): Projection[] {
  return [...builtinProjections, ...serviceProjections[service]];
}
