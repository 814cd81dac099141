import type { ComponentChildren } from 'preact';
import { followLink } from '../router';

/** A link within the console: moves without a reload (the sign-in in memory stays), opens in a new tab as any link. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; current?: boolean }) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => followLink(event as unknown as MouseEvent, props.href)}
    >
      {props.children}
    </a>
  );
}

/** A link on a paragraph of its own: where a page leads next (back to its list, on to a related record). */
export function LinkLine(props: { href: string; children: ComponentChildren }) {
  return (
    <p>
      <Link href={props.href}>{props.children}</Link>
    </p>
  );
}
