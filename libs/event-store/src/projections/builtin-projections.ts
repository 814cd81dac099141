import { dailyEventCountsProjection } from './daily-event-counts.projection';
import type { Projection } from './projection';
import { projectionTablesMigration } from './projection-tables.migration';
import { streamIndexProjection } from './stream-index.projection';

/** Projections every service has, whatever its domain. */
export const builtinProjections: Projection[] = [streamIndexProjection, dailyEventCountsProjection];

export const BuiltinProjectionTables1764200000001 = projectionTablesMigration(
  'BuiltinProjectionTables1764200000001',
  builtinProjections,
);
