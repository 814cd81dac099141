import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SERVICE_NAMES } from '@app/contracts';
import { codeSpans, readmeSection, readRepoFile, root, tableRows } from './readme-tables';

// Every environment variable the code reads has a row in the README's Configuration tables, with its default, and
// every row names a variable the code still reads. The variables are found by reading the source, never from a list
// kept here: a variable added to the code without a row, or a row left behind by a removed one, fails this test.

/** Where the product reads its environment: the services, the embedded default, the libraries and the CLIs. */
const SOURCE_ROOTS = ['apps', 'libs', 'scripts'];
/** Test infrastructure reads its own variables (README, Tests); it is not configuration of the product. */
const NOT_PRODUCT = ['libs/testing/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}

/** `<SERVICE>_PORT` and the like: one variable per service, named as apps/embedded derives it. */
const perService = (suffix: string) => SERVICE_NAMES.map((name) => `${name.toUpperCase().replace('-', '_')}_${suffix}`);

const NAME = '[A-Z][A-Z0-9_]*[A-Z0-9]';

/**
 * The variables one TypeScript file reads. A file reads the environment when it touches process.env or takes a
 * NodeJS.ProcessEnv (the config loaders), or declares the validated EnvironmentVariables class. In such a file a
 * variable is `env.NAME` / `env['NAME']`, a 'NAME_WITH_UNDERSCORE' string literal (the loaders pass names to helpers
 * and name them in errors; 'GET' and 'SIGINT' are not variables, nor are Symbol('…') tokens), a class property in capitals, or `${service}_NAME` for one per service.
 */
function variablesReadBy(source: string): string[] {
  if (!/process\.env|ProcessEnv|class EnvironmentVariables/.test(source)) return [];
  const found = new Set<string>();
  for (const m of source.matchAll(new RegExp(`\\benv\\.(${NAME})\\b`, 'g'))) found.add(m[1]);
  for (const m of source.matchAll(new RegExp(`\\benv\\[\\s*['"\`](${NAME})['"\`]\\s*\\]`, 'g'))) found.add(m[1]);
  for (const m of source.matchAll(new RegExp(`(Symbol\\(\\s*)?'(${NAME})'`, 'g')))
    if (!m[1] && m[2].includes('_')) found.add(m[2]);
  for (const m of source.matchAll(new RegExp(`^\\s+(${NAME})[?!]?:\\s*[a-zA-Z]`, 'gm'))) {
    if (/class EnvironmentVariables/.test(source)) found.add(m[1]);
  }
  for (const m of source.matchAll(new RegExp(`\`\\$\\{[^\`]*\\}_(${NAME})\``, 'g')))
    perService(m[1]).forEach((v) => found.add(v));
  return [...found];
}

/** The variables a shell script lets its caller set: `${NAME:-default}` (or `${NAME-…}`, `${NAME:=…}`). */
function variablesDefaultedBy(script: string): string[] {
  return [...new Set([...script.matchAll(new RegExp(`\\$\\{(${NAME}):?[-=]`, 'g'))].map((m) => m[1]))];
}

/** The shell scripts package.json runs (`bash docker/kafka/kafka-start.sh`): the local broker's settings. */
function npmShellScripts(): string[] {
  const scripts = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts;
  return [
    ...new Set(
      Object.values(scripts).flatMap((command) => [...command.matchAll(/\bbash\s+(\S+\.sh)\b/g)].map((m) => m[1])),
    ),
  ];
}

/** Variable → the files that read it. */
function variablesTheCodeReads(): Map<string, string[]> {
  const readers = new Map<string, string[]>();
  const add = (variable: string, file: string) => readers.set(variable, [...(readers.get(variable) ?? []), file]);
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const path = relative(root, join(root, file)).replace(/\\/g, '/');
    if (NOT_PRODUCT.some((prefix) => path.startsWith(prefix))) continue;
    for (const variable of variablesReadBy(readRepoFile(path))) add(variable, path);
  }
  for (const script of npmShellScripts())
    for (const variable of variablesDefaultedBy(readRepoFile(script))) add(variable, script);
  return readers;
}

interface ReadmeVariable {
  name: string;
  defaultCell: string;
  line: string;
}

/** The variables the README's Configuration tables name: the first cell's `NAME`s, `<SERVICE>_NAME` for one per service. */
function variablesTheReadmeNames(): ReadmeVariable[] {
  const section = readmeSection(readRepoFile('README.md'), 'Configuration');
  return tableRows(section).flatMap((row) =>
    codeSpans(row.cells[0] ?? '')
      .flatMap((span) => (span.startsWith('<SERVICE>_') ? perService(span.slice('<SERVICE>_'.length)) : [span]))
      .filter((name) => new RegExp(`^${NAME}$`).test(name))
      .map((name) => ({ name, defaultCell: row.cells[1] ?? '', line: row.line })),
  );
}

describe('README Configuration', () => {
  const code = variablesTheCodeReads();
  const readme = variablesTheReadmeNames();
  const documented = new Set(readme.map((v) => v.name));

  it('finds the variables the code reads (the scan works)', () => {
    // Spot checks of each way the code reads a variable, so a scan that finds nothing cannot pass the tests below.
    expect([...code.keys()]).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'PORT',
        'NODE_ENV',
        'INTEGRITY_DATA_DIR',
        'REPORT_RATE_LIMIT_BURST',
        'FINE_OVERDUE_SWEEP_SECONDS',
        'ROAD_CASES_PORT',
        'FINES_ENVELOPE_SIGNING_KEY',
        'KAFKA_WIPE',
      ]),
    );
    expect(code.has('FINES_CONFIG')).toBe(false);
  });

  it('has a row for every variable the code reads', () => {
    const missing = [...code.entries()]
      .filter(([name]) => !documented.has(name))
      .map(([name, files]) => `${name} (read by ${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('names no variable the code no longer reads', () => {
    const stale = readme.filter((v) => !code.has(v.name)).map((v) => `${v.name}: ${v.line}`);
    expect(stale).toEqual([]);
  });

  it('gives each variable its default', () => {
    expect(readme.filter((v) => v.defaultCell.replace(/[\s—–-]/g, '') === '').map((v) => v.line)).toEqual([]);
  });

  it('names each variable once', () => {
    const seen = readme.map((v) => v.name);
    expect(seen.filter((name, index) => seen.indexOf(name) !== index)).toEqual([]);
  });
});

describe('.env.example', () => {
  const assigned = [...readRepoFile('.env.example').matchAll(new RegExp(`^(${NAME})=`, 'gm'))].map((m) => m[1]);

  it('sets only variables the code reads', () => {
    const code = variablesTheCodeReads();
    expect(assigned.filter((name) => !code.has(name))).toEqual([]);
  });

  it('has every variable a standalone service validates at start', () => {
    const validated = variablesReadBy(readRepoFile('libs/platform/src/config/environment.variables.ts'));
    expect(validated.length).toBeGreaterThan(10);
    expect(validated.filter((name) => !assigned.includes(name))).toEqual([]);
  });
});
