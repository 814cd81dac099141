import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { kazakhstanCalendar, type WorkingDayCalendar } from '@app/domain-kernel';
import { OFFENDER_CATEGORIES_V1 } from '@app/contracts';
import { ConfigError } from '@app/platform';
import { DEFAULT_ENFORCEMENT_GRACE_DAYS, REQUIRED_OFFENCE_TYPES, type OffenceType } from '../domain/fine.types';

export const FINES_CONFIG = Symbol('FINES_CONFIG');

export interface FinesConfig {
  catalogue: OffenceType[];
  /** Kazakhstan's working days, from the domain kernel: the one calendar every service counts deadlines on. */
  calendar: WorkingDayCalendar;
  /** Days after the due date an overdue fine waits before it goes to enforcement. */
  enforcementGraceDays: number;
  /** How often the overdue sweep runs; 0 turns the background sweep off (operators can still run it). */
  overdueSweepMs: number;
}

export const DEFAULT_CATALOGUE_FILE = 'apps/fines/src/config/offence-catalogue.json';

const fail = (variable: string, message: string): never => {
  throw new ConfigError([{ variable, message: `${variable}: ${message}` }]);
};

function readJson(variable: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(resolve(process.cwd(), file), 'utf8'));
  } catch (error) {
    return fail(variable, `cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Every entry: a snake_case type, a legal reference, and positive MCI multiples for every offender category. */
export function validateCatalogue(raw: unknown, variable = 'OFFENCE_CATALOGUE_FILE'): OffenceType[] {
  const entries = (raw as { offenceTypes?: unknown })?.offenceTypes;
  if (!Array.isArray(entries) || entries.length === 0)
    return fail(variable, 'the catalogue needs a non-empty offenceTypes list');
  const seen = new Set<string>();
  const catalogue = entries.map((entry, index): OffenceType => {
    const e = entry as Partial<OffenceType>;
    const name = typeof e?.offenceType === 'string' ? e.offenceType : `#${index}`;
    const bad = (message: string) => fail(variable, `offence type ${name} (entry ${index}): ${message}`);
    if (typeof e?.offenceType !== 'string' || !/^[a-z0-9_]{1,60}$/.test(e.offenceType))
      bad('offenceType must be snake_case, 1-60 characters');
    if (seen.has(name)) bad('is listed twice');
    seen.add(name);
    if (typeof e.legalReference !== 'string' || e.legalReference.trim() === '') bad('legalReference is required');
    const multiples = e.mciMultiples as Record<string, unknown> | undefined;
    for (const category of OFFENDER_CATEGORIES_V1) {
      const m = multiples?.[category];
      if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0)
        bad(`mciMultiples.${category} must be a positive number`);
    }
    return {
      offenceType: name,
      legalReference: e.legalReference!,
      title: typeof e.title === 'string' ? e.title : name,
      mciMultiples: Object.fromEntries(
        OFFENDER_CATEGORIES_V1.map((c) => [c, multiples![c] as number]),
      ) as OffenceType['mciMultiples'],
    };
  });
  for (const required of REQUIRED_OFFENCE_TYPES)
    if (!seen.has(required)) fail(variable, `offence type ${required} is missing`);
  return catalogue;
}

function wholeNumber(env: NodeJS.ProcessEnv, variable: string, fallback: string): number {
  const raw = env[variable] ?? fallback;
  if (!/^\d+$/.test(raw)) fail(variable, 'must be a whole number');
  return Number(raw);
}

/**
 * OFFENCE_CATALOGUE_FILE (default apps/fines/src/config/offence-catalogue.json, relative to the working directory);
 * FINE_ENFORCEMENT_GRACE_DAYS (default 30); FINE_OVERDUE_SWEEP_SECONDS (default 60). A bad value stops the service naming the variable (and the entry).
 */
export function loadFinesConfig(env: NodeJS.ProcessEnv): FinesConfig {
  const catalogue = validateCatalogue(
    readJson('OFFENCE_CATALOGUE_FILE', env.OFFENCE_CATALOGUE_FILE || DEFAULT_CATALOGUE_FILE),
  );
  const enforcementGraceDays = wholeNumber(env, 'FINE_ENFORCEMENT_GRACE_DAYS', String(DEFAULT_ENFORCEMENT_GRACE_DAYS));
  const overdueSweepMs = wholeNumber(env, 'FINE_OVERDUE_SWEEP_SECONDS', '60') * 1000;
  return { catalogue, calendar: kazakhstanCalendar, enforcementGraceDays, overdueSweepMs };
}
