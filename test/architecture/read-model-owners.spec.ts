import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// Each read-model table has one owner: the folder of the module that declares it (its projection's `table: '…'`),
// which holds its DDL, its writes and its queries. Anything else asks that module; this scan fails when another
// file names the table in SQL, so "who writes case_board?" keeps one answer.

const root = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name) && !/generated/.test(entry.name)
      ? [path]
      : [];
  });
}

/** Code without its comments, so prose that mentions a table does not count as naming it. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const files = [...sources('apps'), ...sources('libs'), ...sources('scripts')].map((file) => ({
  file,
  text: code(readFileSync(join(root, file), 'utf8')),
}));

/** Table name → the folders of the files that declare it (a projection's `table:`). */
const declared = new Map<string, Set<string>>();
for (const { file, text } of files)
  for (const match of text.matchAll(/\btable:\s*'([a-z_]+)'/g)) {
    if (!declared.has(match[1])) declared.set(match[1], new Set());
    declared.get(match[1])!.add(dirname(file));
  }

/** Where SQL names a table: after FROM, JOIN, INTO, UPDATE, TABLE, or as a projection's / query's `table:`. */
const namesTable = (table: string) =>
  new RegExp(
    // A schema before the table may be a name or an interpolation ("${s}".case_board).
    `\\b(FROM|JOIN|INTO|UPDATE|TABLE(\\s+IF\\s+(NOT\\s+)?EXISTS)?|TRUNCATE|ONLY)\\s+("?([a-z_]+|\\$\\{[^}]+\\})"?\\.)?"?${table}\\b|\\btable:\\s*'${table}'`,
    'i',
  );

// A table a migration creates beside the queries that own it (a *.migration.ts and a *.queries.ts in one folder, such
// as libs/photo-evidence's evidence_photos) has that folder as its owner too.
for (const { file, text } of files) {
  if (!file.endsWith('.migration.ts')) continue;
  const folder = dirname(file);
  if (!files.some((f) => dirname(f.file) === folder && f.file.endsWith('.queries.ts'))) continue;
  for (const match of text.matchAll(/CREATE TABLE\s+("?\$\{[^}]+\}"?\.)?"?([a-z_]+)\b/g)) {
    if (!declared.has(match[2])) declared.set(match[2], new Set());
    declared.get(match[2])!.add(folder);
  }
}

describe('read-model tables', () => {
  it('are found by the scan (it reads the projections)', () => {
    expect([...declared.keys()]).toEqual(
      expect.arrayContaining(['case_board', 'programmes', 'report_board', 'fine_board', 'evidence_photos']),
    );
  });

  it.each([...declared.keys()].sort())('%s is declared in one folder', (table) => {
    expect([...declared.get(table)!].map((dir) => relative(root, join(root, dir)))).toHaveLength(1);
  });

  it.each([...declared.keys()].sort())('%s is named in SQL only inside its owner folder', (table) => {
    const owner = [...declared.get(table)!][0];
    const outside = files
      .filter(({ file, text }) => !file.startsWith(`${owner}/`) && namesTable(table).test(text))
      .map(({ file }) => file);
    expect(outside).toEqual([]);
  });
});
