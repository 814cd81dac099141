import { useEffect, useState } from 'preact/hooks';

export type Role = 'citizen' | 'moderator' | 'inspector' | 'official' | 'contractor' | 'auditor' | 'operator';

export interface Session {
  token: string;
  role: Role;
  sub: string;
  bin?: string;
  expiresAt: string;
}

/**
 * Who is signed in, held in this page's memory only: never in localStorage, sessionStorage or a cookie, so no other
 * script, tab or later visitor of this browser finds the token. A reload signs out.
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
