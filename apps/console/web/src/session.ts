import { useEffect, useState } from 'preact/hooks';

export const ROLES = ['citizen', 'moderator', 'inspector', 'official', 'contractor', 'auditor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  role: Role;
  sub: string;
  bin?: string;
  expiresAt: string;
  /** Signed in through the identity provider: its end-session page, which signing out goes to (it ends the provider's session too). */
  signOutUrl?: string;
}

/**
 * Who is signed in, held in this page's memory only: never in localStorage, sessionStorage or a cookie, so no other
 * script, tab or later visitor of this browser finds the token. A reload signs out, by design, whether the token
 * came from development sign-in or from the identity provider (whose own session may then sign in again at once).
 */
let current: Session | null = null;
const listeners = new Set<() => void>();

export function session(): Session | null {
  if (current && Date.parse(current.expiresAt) <= Date.now()) current = null;
  return current;
}

export function signIn(next: Session): void {
  current = next;
  listeners.forEach((l) => l());
}

export function signOut(): void {
  current = null;
  listeners.forEach((l) => l());
}

export function useSession(): Session | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((n) => n + 1);
    listeners.add(changed);
    return () => void listeners.delete(changed);
  }, []);
  return session();
}
