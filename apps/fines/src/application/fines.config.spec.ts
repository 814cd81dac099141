import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@app/platform';
import { loadFinesConfig } from './fines.config';

const dir = mkdtempSync(join(tmpdir(), 'fines-config-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const entry = (offenceType: string, overrides: Record<string, unknown> = {}) => ({
  offenceType,
  legalReference: 'CAO RK',
  title: offenceType,
  mciMultiples: { individual: 1, official: 2, small_business: 3, medium_business: 4, large_business: 5 },
  ...overrides,
});
const good = { offenceTypes: [entry('road_surface_damage'), entry('vehicle_overload'), entry('other')] };

function problemOf(env: NodeJS.ProcessEnv): { variable: string; message: string } {
  try {
    loadFinesConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems[0];
  }
  throw new Error('the config loaded');
}

describe('fines configuration', () => {
  it('loads the default catalogue and calendar, a 30-day enforcement grace', () => {
    const config = loadFinesConfig({});
    expect(config.catalogue.map((o) => o.offenceType)).toEqual(
      expect.arrayContaining(['road_surface_damage', 'vehicle_overload', 'other']),
    );
    expect(config.enforcementGraceDays).toBe(30);
    expect(config.calendar.data.fixedHolidays.length).toBeGreaterThan(10);
  });

  it('takes OFFENCE_CATALOGUE_FILE and FINE_ENFORCEMENT_GRACE_DAYS', () => {
    const config = loadFinesConfig({
      OFFENCE_CATALOGUE_FILE: file('good.json', good),
      FINE_ENFORCEMENT_GRACE_DAYS: '10',
    });
    expect(config.catalogue[0].mciMultiples.large_business).toBe(5);
    expect(config.enforcementGraceDays).toBe(10);
  });

  it('stops on a bad entry, naming the variable and the entry', () => {
    const bad = { offenceTypes: [...good.offenceTypes, entry('vehicle_noise', { mciMultiples: { individual: 1 } })] };
    const problem = problemOf({ OFFENCE_CATALOGUE_FILE: file('bad.json', bad) });
    expect(problem.variable).toBe('OFFENCE_CATALOGUE_FILE');
    expect(problem.message).toMatch(/vehicle_noise.*mciMultiples\.official/);
  });

  it('stops on a missing legal reference, a missing required type, a file that is not JSON', () => {
    expect(
      problemOf({
        OFFENCE_CATALOGUE_FILE: file('noref.json', {
          offenceTypes: [entry('other', { legalReference: '' }), ...good.offenceTypes.slice(0, 2)],
        }),
      }).message,
    ).toMatch(/other.*legalReference/);
    expect(
      problemOf({ OFFENCE_CATALOGUE_FILE: file('short.json', { offenceTypes: good.offenceTypes.slice(0, 2) }) })
        .message,
    ).toMatch(/other is missing/);
    expect(problemOf({ OFFENCE_CATALOGUE_FILE: file('junk.json', '{') }).variable).toBe('OFFENCE_CATALOGUE_FILE');
  });

  it('stops on a bad grace, naming the variable', () => {
    expect(problemOf({ FINE_ENFORCEMENT_GRACE_DAYS: 'soon' }).variable).toBe('FINE_ENFORCEMENT_GRACE_DAYS');
  });
});
