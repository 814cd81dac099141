import { resolve } from 'node:path';
import { SERVICE_NAMES, SERVICE_REGISTRY, type ServiceName } from '@app/contracts/services';
import { ConfigError, DEFAULT_MAX_TOKEN_LIFETIME, durationSeconds } from '@app/platform';
// The page reads the settings by the same shape the server gives them in (GET /console/config).
import type { OidcSettings } from '../web/src/oidc-settings';

export type { OidcSettings };

/** The services the console reaches, each under /api/<name>/: every registered one. */
export const CONSOLE_SERVICES = SERVICE_NAMES;
export type ConsoleService = ServiceName;

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
  /** On when CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID are set. */
  oidc: OidcSettings | null;
}

/** Each service on its registered port of this machine, as the embedded default runs them. */
const DEFAULT_PORTS = Object.fromEntries(SERVICE_REGISTRY.map((s) => [s.name, s.port])) as Record<
  ConsoleService,
  number
>;

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

  const oidc = readOidcSettings(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, upstreams, staticDir: resolve('dist/apps/console/web'), tileUrl, devSignIn, oidc };
}

/** https://, or http:// on a loopback address only (a provider on this machine, as JWT_JWKS_URL allows). */
const PROVIDER_URL = /^(https:\/\/[^/?#\s]+|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?)(\/[^?#\s]*)?$/;
/** RFC 6749 §3.3: scope tokens of printable ASCII without space, " and \. */
const SCOPES = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
/** RFC 6749 §2.2 leaves client ids to the provider; printable ASCII keeps them safe in a URL and a log line. */
const CLIENT_ID = /^[\x21-\x7e]{1,200}$/;

function readOidcSettings(env: NodeJS.ProcessEnv, problems: { variable: string; message: string }[]) {
  const set = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const issuer = set(env.CONSOLE_OIDC_ISSUER);
  const clientId = set(env.CONSOLE_OIDC_CLIENT_ID);
  const scopes = set(env.CONSOLE_OIDC_SCOPES) ?? 'openid profile';
  const resource = set(env.CONSOLE_OIDC_RESOURCE);
  const name = set(env.CONSOLE_OIDC_NAME);
  const before = problems.length;
  if (!issuer) {
    for (const [variable, value] of [
      ['CONSOLE_OIDC_CLIENT_ID', clientId],
      ['CONSOLE_OIDC_SCOPES', set(env.CONSOLE_OIDC_SCOPES)],
      ['CONSOLE_OIDC_RESOURCE', resource],
      ['CONSOLE_OIDC_NAME', name],
    ] as const)
      if (value !== undefined)
        problems.push({
          variable: 'CONSOLE_OIDC_ISSUER',
          message: `CONSOLE_OIDC_ISSUER is required with ${variable}: the identity provider the console signs in through`,
        });
    return null;
  }
  if (!PROVIDER_URL.test(issuer))
    problems.push({
      variable: 'CONSOLE_OIDC_ISSUER',
      message: `CONSOLE_OIDC_ISSUER must be the provider's https:// issuer URL (http:// only on loopback: 127.x.x.x, localhost, [::1]), without query or fragment, not "${issuer}"`,
    });
  if (!clientId || !CLIENT_ID.test(clientId))
    problems.push({
      variable: 'CONSOLE_OIDC_CLIENT_ID',
      message: clientId
        ? `CONSOLE_OIDC_CLIENT_ID must be 1-200 printable characters without spaces, not "${clientId}"`
        : 'CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_ISSUER: the client id the provider registered the console under (a public client, PKCE, no secret)',
    });
  if (!SCOPES.test(scopes) || !scopes.split(' ').includes('openid'))
    problems.push({
      variable: 'CONSOLE_OIDC_SCOPES',
      message: `CONSOLE_OIDC_SCOPES must be space-separated scopes including openid, not "${scopes}"`,
    });
  // RFC 8707 §2: an absolute URI without a fragment.
  if (resource !== undefined && !/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s#]+$/.test(resource))
    problems.push({
      variable: 'CONSOLE_OIDC_RESOURCE',
      message: `CONSOLE_OIDC_RESOURCE must be an absolute URI without a fragment (RFC 8707), such as urn:integrity-square:api, not "${resource}"`,
    });
  if (name !== undefined && name.length > 60)
    problems.push({ variable: 'CONSOLE_OIDC_NAME', message: 'CONSOLE_OIDC_NAME must be at most 60 characters' });
  if (problems.length > before) return null;
  return { issuer, clientId: clientId!, scopes, resource: resource ?? null, name: name ?? new URL(issuer).host };
}
