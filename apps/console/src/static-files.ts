import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built SPA. A path that names a file under the folder is that file (Vite's hashed /assets/ cached for a year);
 * any other path without an extension is the page itself, index.html, whose router shows it (a link to /cases/{id}
 * opened in a new tab works). Nothing outside the folder is ever read.
 */
export function serveStatic(staticDir: string, pathname: string, res: ServerResponse, headOnly: boolean): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return plain(res, 400, 'The path is not valid percent-encoding');
  }
  const file = normalize(join(staticDir, decoded));
  const inside = file.startsWith(staticDir + sep) && !decoded.includes('\0');
  if (inside && existsSync(file) && statSync(file).isFile()) return send(res, file, headOnly, decoded);
  if (extname(decoded) !== '') return plain(res, 404, 'Not found');
  const index = join(staticDir, 'index.html');
  if (!existsSync(index))
    return plain(res, 503, `The console is not built (${index} is missing): run npm run build, which runs vite build`);
  send(res, index, headOnly, '/index.html');
}

function send(res: ServerResponse, file: string, headOnly: boolean, path: string): void {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    // Hashed names never change content; the page itself is asked for again each time, so a new build shows at once.
    'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (headOnly) res.end();
  else createReadStream(file).pipe(res);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}
