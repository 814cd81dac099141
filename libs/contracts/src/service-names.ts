export const SERVICE_NAMES = ['budgets', 'monitoring', 'road-cases', 'fines'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The Postgres schema each service owns (docs/architecture.md, Services); tools find a service's events through it. */
export const SERVICE_SCHEMAS: Record<ServiceName, string> = {
  budgets: 'budgets',
  monitoring: 'monitoring',
  'road-cases': 'road_cases',
  fines: 'fines',
};
