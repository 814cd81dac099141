import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README's tables, read the way a reader sees them: the tests beside this file hold them to the code.

export const root = process.cwd();
export const readRepoFile = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The text under `## <title>` up to the next level-2 heading (fenced code blocks cannot hold one here). */
export function readmeSection(readme: string, title: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Splits a Markdown table row into its cells; `\|` inside a cell is a literal bar. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

export interface TableRow {
  /** The heading (`### …`) the table sits under, '' before the first. */
  heading: string;
  cells: string[];
  line: string;
}

/** The body rows of every table in `text` (header and separator rows left out), each with its heading. */
export function tableRows(text: string): TableRow[] {
  const rows: TableRow[] = [];
  let heading = '';
  let inTable = false;
  for (const line of text.split('\n')) {
    if (/^#{3,} /.test(line)) heading = line.replace(/^#+ /, '').trim();
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    // The first row of a table is its header; the second separates it from the body.
    if (!inTable) {
      inTable = true;
      continue;
    }
    if (/^\|[\s|:-]+\|$/.test(line.trim())) continue;
    rows.push({ heading, cells: cells(line), line: line.trim() });
  }
  return rows;
}

/** The `backticked` words of a cell. */
export const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
