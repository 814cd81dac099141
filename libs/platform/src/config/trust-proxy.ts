import { isIP } from 'node:net';

/** What express's `trust proxy` setting takes: nobody, everybody, a hop count, or addresses, subnets and their names. */
export type TrustProxy = boolean | number | string[];

/** The subnet names express (proxy-addr) knows. */
const NAMED_SUBNETS = ['loopback', 'linklocal', 'uniquelocal'];

function isSubnet(entry: string): boolean {
  if (NAMED_SUBNETS.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY in express's documented forms: `false` (the default: the socket's peer is the client), `true` (trust
 * every hop; only when nothing can reach the service but the proxy), a hop count (`1`: the proxy in front), or a
 * comma-separated list of addresses, CIDR subnets and `loopback` / `linklocal` / `uniquelocal`.
 * Returns undefined for anything else, so the config names the variable instead of express guessing.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | undefined {
  if (raw === undefined) return false;
  const value = raw.trim();
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isSubnet) ? entries : undefined;
}
