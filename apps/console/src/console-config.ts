import { resolve } from 'node:path';
import { ConfigError, DEFAULT_MAX_TOKEN_LIFETIME, durationSeconds } from '@app/platform';

/** The services the console reaches, each under /api/<name>/ (fines so far only by the auditor's page). */
export const CONSOLE_SERVICES = ['budgets', 'monitoring', 'road-cases', 'fines'] as const;
export type ConsoleService = (typeof CONSOLE_SERVICES)[number];

/** OpenStreetMap's tile template: the map's background unless CONSOLE_TILE_URL names another, or `none`. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export interface DevSignIn {
  /** The HS256 secret the services accept outside production (the embedded default's, or JWT_SECRET). */
  secret: string;
  issuer?: string;
  audience?: string;
  lifetimeSeconds: number;
}

export interface ConsoleConfig {
  port: number;
  upstreams: Record<ConsoleService, string>;
  /** The built SPA (vite build): dist/apps/console/web under the working directory, as npm start runs. */
  staticDir: string;
  /** A Leaflet tile template, or null: markers on a plain background, no request leaves the console's origin. */
  tileUrl: string | null;
  /** Off with NODE_ENV=production and without a shared secret: tokens then come from the identity provider. */
  devSignIn: DevSignIn | null;
}

const DEFAULT_PORTS: Record<ConsoleService, number> = {
  budgets: 3001,
  monitoring: 3002,
  'road-cases': 3003,
  fines: 3004,
};

/**
 * The console's configuration from the environment (an empty value counts as unset, as everywhere). The embedded
 * default passes the URLs its services listen on (and its development secret as JWT_SECRET); on its own it reads
 * CONSOLE_<SERVICE>_URL.
 */
export function loadConsoleConfig(
  env: NodeJS.ProcessEnv,
  given: { upstreams?: Partial<Record<ConsoleService, string>> } = {},
): ConsoleConfig {
  const problems: { variable: string; message: string }[] = [];
  const set = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

  const portText = set(env.CONSOLE_PORT);
  const port = portText === undefined ? 3000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(portText ?? '0'))
    problems.push({ variable: 'CONSOLE_PORT', message: `CONSOLE_PORT must be a port (0-65535), not "${portText}"` });

  const fromEnv: Record<ConsoleService, string | undefined> = {
    budgets: set(env.CONSOLE_BUDGETS_URL),
    monitoring: set(env.CONSOLE_MONITORING_URL),
    'road-cases': set(env.CONSOLE_ROAD_CASES_URL),
    fines: set(env.CONSOLE_FINES_URL),
  };
  const upstreams = {} as Record<ConsoleService, string>;
  for (const service of CONSOLE_SERVICES) {
    const url = given.upstreams?.[service] ?? fromEnv[service] ?? `http://127.0.0.1:${DEFAULT_PORTS[service]}`;
    const variable = `CONSOLE_${service.toUpperCase().replace('-', '_')}_URL`;
    if (!/^https?:\/\/[^/?#]+\/?$/.test(url))
      problems.push({ variable, message: `${variable} must be a service's base URL (http://host:port), not "${url}"` });
    upstreams[service] = url.replace(/\/$/, '');
  }

  const tile = set(env.CONSOLE_TILE_URL) ?? DEFAULT_TILE_URL;
  const tileUrl = tile === 'none' ? null : tile;
  if (tileUrl && !/^https:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(tileUrl))
    problems.push({
      variable: 'CONSOLE_TILE_URL',
      message: `CONSOLE_TILE_URL must be an https:// tile template with {z}, {x} and {y}, or none, not "${tile}"`,
    });

  const lifetimeText = set(env.JWT_MAX_LIFETIME) ?? DEFAULT_MAX_TOKEN_LIFETIME;
  const secret = set(env.JWT_SECRET);
  const devSignIn =
    env.NODE_ENV === 'production' || !secret
      ? null
      : {
          secret,
          issuer: set(env.JWT_ISSUER),
          audience: set(env.JWT_AUDIENCE),
          lifetimeSeconds: durationSeconds(lifetimeText),
        };

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, upstreams, staticDir: resolve('dist/apps/console/web'), tileUrl, devSignIn };
}
