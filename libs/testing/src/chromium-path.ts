import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The machine's Chromium for the console's browser tests and bench:console (none is downloaded): CHROMIUM_PATH,
 * else chromium or chromium-browser on PATH (Debian's `chromium`, which .ci/run installs).
 */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, which does not exist`);
    return given;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // Not on PATH; try the next name.
    }
  }
  throw new Error(
    'The console tests need Chromium and found none: install it (Debian: apt-get install chromium; .ci/run does) ' +
      'or set CHROMIUM_PATH to its executable',
  );
}
