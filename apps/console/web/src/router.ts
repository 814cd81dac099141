import { useEffect, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();

/** The address the page shows (path and query): the one piece of state a reload or a shared link keeps. */
export function currentLocation(): URL {
  return new URL(window.location.href);
}

/**
 * Moves to another page of the console without reloading it, so the sign-in held in memory stays. A target that
 * is not a path of this origin (`//elsewhere`, `https://…`) goes home instead: ?next= must not send anyone away.
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = isLocalPath(to) ? to : '/';
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  listeners.forEach((listener) => listener());
}

export function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

/** Re-renders on every move, ours or the browser's back and forward. */
export function useLocation(): URL {
  const [, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((n) => n + 1);
    listeners.add(changed);
    window.addEventListener('popstate', changed);
    return () => {
      listeners.delete(changed);
      window.removeEventListener('popstate', changed);
    };
  }, []);
  return currentLocation();
}

/** A plain click on a console link moves without a reload; a modified click (new tab, download) is the browser's. */
export function followLink(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(href);
}

/** A list's page number from its address (?page=), 1 when absent or not a number. */
export const pageOf = (location: URL) => Math.max(1, Number(location.searchParams.get('page')) || 1);

/** A list's address with its filters as the query: empty ones and page 1 left out, so the address stays short. */
export function withQuery(path: string, values: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== '' && !(name === 'page' && Number(value) <= 1)) query.set(name, String(value));
  return query.size > 0 ? `${path}?${query}` : path;
}
