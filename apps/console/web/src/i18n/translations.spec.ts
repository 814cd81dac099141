import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFECT_TYPES, DISTRICTS } from '../districts';
import { INSTITUTION_KINDS, PURPOSES } from '../labels/budget.labels';
import { FINE_STATUSES, KNOWN_OFFENCES, OFFENDER_CATEGORIES } from '../labels/fine.labels';
import { RAID_STATUSES } from '../labels/raid.labels';
import { translator } from './translate';

// Every label comes from the three translation files, and each file has every key: a key used in the code and
// missing from a file, a file with a key the others lack, or a value the services can send with no label fails here.
// The browser tests then look for any key shown as text (which is how a missing key renders).
const WEB = 'apps/console/web';
const read = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(WEB, 'i18n', `${language}.json`), 'utf8'));
const FILES: Record<string, Record<string, string>> = { kk: read('kk'), ru: read('ru'), en: read('en') };
const en = FILES.en;
const SOURCE = join(WEB, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const openapi = (service: string) => JSON.parse(readFileSync(`docs/openapi/${service}.json`, 'utf8'));

describe('the console translations', () => {
  it('has the same keys in Kazakh, Russian and English, none empty, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    expect(keys.length).toBeGreaterThan(200);
    for (const [language, file] of Object.entries(FILES)) {
      expect({ language, keys: Object.keys(file).sort() }).toEqual({ language, keys });
      expect({ language, empty: keys.filter((k) => !file[k].trim()) }).toEqual({ language, empty: [] });
      const differing = keys.filter((k) => placeholders(file[k]).join() !== placeholders(en[k]).join());
      expect({ language, differing }).toEqual({ language, differing: [] });
    }
  });

  it('translates Kazakh and Russian, not only copies the English', () => {
    for (const language of ['kk', 'ru']) {
      const same = Object.keys(en).filter((k) => FILES[language][k] === en[k] && /[a-z]{4}/.test(en[k]));
      // Names stay as they are in every language (the system's, and English's own name).
      expect({ language, same }).toEqual({ language, same: ['app.name', 'lang.en'] });
    }
  });

  it('has every key the code names', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(SOURCE)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });

  it('has a label for every status, kind, severity, role and event the services can send', () => {
    const roadCases = openapi('road-cases');
    const monitoring = openapi('monitoring');
    const caseItem =
      roadCases.paths['/cases'].get.responses['200'].content['application/json'].schema.properties.items.items
        .properties;
    const reportItem =
      monitoring.paths['/reports'].get.responses['200'].content['application/json'].schema.properties.items.items
        .properties;
    const listItem = (service: string, path: string) =>
      openapi(service).paths[path].get.responses['200'].content['application/json'].schema.properties.items.items
        .properties;
    const programmeItem = listItem('budgets', '/programmes');
    const institutionItem = listItem('budgets', '/institutions');
    const fineItem = listItem('fines', '/fines');
    const raidItem = listItem('monitoring', '/raids');
    const requiredOffences = /REQUIRED_OFFENCE_TYPES = \[([^\]]+)\]/
      .exec(readFileSync('apps/fines/src/domain/fine.types.ts', 'utf8'))![1]
      .match(/'(\w+)'/g)!
      .map((s) => s.slice(1, -1));
    // The events of every record the auditor's page opens (a case, a report, a fine, a programme).
    const eventsOf = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/DomainEvent<\s*'(\w+)'/g)].map((m) => m[1]);
    const events = [
      ...eventsOf('apps/road-cases/src/domain/road-case.events.ts'),
      ...eventsOf('apps/monitoring/src/domain/report.events.ts'),
      ...eventsOf('apps/fines/src/domain/fine.events.ts'),
      ...eventsOf('apps/budgets/src/domain/programme.events.ts'),
    ];
    expect(events).toEqual(
      expect.arrayContaining(['CaseOpened', 'ReportSubmitted', 'FineIssued', 'ProgrammePublished']),
    );
    const fineStatuses = /FineStatus = ([^;]+);/
      .exec(readFileSync('apps/fines/src/domain/fine.types.ts', 'utf8'))![1]
      .match(/'(\w+)'/g)!
      .map((s) => s.slice(1, -1))
      .filter((s) => s !== 'none');
    expect(fineStatuses).toContain('paid');
    const needed = [
      ...caseItem.status.enum.map((s: string) => `caseStatus.${s}`),
      ...caseItem.source.enum.map((s: string) => `caseSource.${s}`),
      ...caseItem.defectType.enum.map((s: string) => `defect.${s}`),
      ...roadCases.components.schemas.VerifyDefectDto.properties.severity.enum.map((s: string) => `severity.${s}`),
      ...reportItem.status.enum.map((s: string) => `reportStatus.${s}`),
      ...['citizen', 'moderator', 'inspector', 'official', 'contractor', 'auditor', 'operator'].map((r) => `role.${r}`),
      ...events.map((e) => `event.${e}`),
      ...fineStatuses.map((s) => `fineStatus.${s}`),
      'programmeStatus.published',
      ...DEFECT_TYPES.map((d) => `defect.${d}`),
      ...programmeItem.purpose.enum.map((p: string) => `purpose.${p}`),
      ...programmeItem.direction.enum.map((d: string) => `direction.${d}`),
      ...institutionItem.kind.enum.map((k: string) => `institutionKind.${k}`),
      ...fineItem.offenderCategory.enum.map((c: string) => `offender.${c}`),
      ...fineItem.appealDecision.enum.filter(Boolean).map((d: string) => `appeal.${d}`),
      ...requiredOffences.map((o) => `offence.${o}`),
      ...raidItem.status.enum.map((s: string) => `raidStatus.${s}`),
      ...raidItem.offences.items.properties.offenderCategory.enum.map((c: string) => `offender.${c}`),
    ];
    expect(needed.filter((key) => !(key in en))).toEqual([]);
    // The console's own lists of purposes, institution kinds, fine statuses, offender categories and offences are
    // the services' lists.
    expect([...PURPOSES].sort()).toEqual([...programmeItem.purpose.enum].sort());
    expect([...INSTITUTION_KINDS].sort()).toEqual([...institutionItem.kind.enum].sort());
    expect([...FINE_STATUSES].sort()).toEqual([...fineItem.status.enum].sort());
    expect([...OFFENDER_CATEGORIES].sort()).toEqual([...fineItem.offenderCategory.enum].sort());
    expect([...KNOWN_OFFENCES].sort()).toEqual([...requiredOffences].sort());
    expect([...RAID_STATUSES].sort()).toEqual([...raidItem.status.enum].sort());
    // The console's own list of defect kinds is the services' list.
    expect([...DEFECT_TYPES].sort()).toEqual([...caseItem.defectType.enum].sort());
    expect(DISTRICTS.map((d) => `district.${d.replace(/[^A-Za-z]/g, '')}`).filter((k) => !(k in en))).toEqual([]);
  });

  it('shows a missing key as the key itself, and fills placeholders', () => {
    const t = translator('en');
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t('board.count', { total: 3 })).toBe('Cases: 3');
    expect(translator('kk')('board.count', { total: 3 })).toBe('Істер: 3');
  });
});
