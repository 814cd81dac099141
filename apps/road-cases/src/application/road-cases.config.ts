import { ConfigError } from '@app/platform';
import { DEFAULT_SEVERITY_DEADLINES, SEVERITIES, type SeverityDeadlines } from '../domain/road-case.types';

export const ROAD_CASES_CONFIG = Symbol('ROAD_CASES_CONFIG');

export interface RoadCasesConfig {
  deadlines: SeverityDeadlines;
  /** How often the overdue sweep runs; 0 turns the background sweep off (operators can still run it). */
  overdueSweepMs: number;
}

/**
 * ROAD_CASE_DEADLINE_DAYS="critical=1,high=3,medium=10,low=30" (any subset overrides the defaults);
 * ROAD_CASE_OVERDUE_SWEEP_SECONDS (default 60). A bad value stops the service naming the variable.
 */
export function loadRoadCasesConfig(env: NodeJS.ProcessEnv): RoadCasesConfig {
  const deadlines = { ...DEFAULT_SEVERITY_DEADLINES };
  const raw = env.ROAD_CASE_DEADLINE_DAYS;
  if (raw) {
    for (const part of raw.split(',')) {
      const [severity, days] = part.split('=').map((s) => s.trim());
      if (!(SEVERITIES as readonly string[]).includes(severity) || !/^\d+$/.test(days ?? '') || Number(days) < 1) {
        throw new ConfigError([
          {
            variable: 'ROAD_CASE_DEADLINE_DAYS',
            message: `ROAD_CASE_DEADLINE_DAYS: "${part}" is not severity=days (severities ${SEVERITIES.join(', ')})`,
          },
        ]);
      }
      deadlines[severity as keyof SeverityDeadlines] = Number(days);
    }
  }
  const sweep = env.ROAD_CASE_OVERDUE_SWEEP_SECONDS ?? '60';
  if (!/^\d+$/.test(sweep)) {
    throw new ConfigError([
      {
        variable: 'ROAD_CASE_OVERDUE_SWEEP_SECONDS',
        message: 'ROAD_CASE_OVERDUE_SWEEP_SECONDS must be a whole number of seconds',
      },
    ]);
  }
  return { deadlines, overdueSweepMs: Number(sweep) * 1000 };
}
