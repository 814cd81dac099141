import type { ComponentChildren } from 'preact';
import { useSession, type Role } from '../session';
import { LinkLine } from './link.component';

/** A link on a paragraph of its own, shown to the one role that may follow it (the page's next step for that role). */
export function RoleLink(props: { role: Role; href: string; children: ComponentChildren }) {
  const signedIn = useSession();
  if (signedIn?.role !== props.role) return null;
  return <LinkLine href={props.href}>{props.children}</LinkLine>;
}
