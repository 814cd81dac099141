export const SERVICE_NAMES = ['budgets', 'monitoring', 'road-cases', 'fines'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
