import type { ComponentChildren, FunctionComponent } from 'preact';
import { useI18n } from '../i18n/i18n-context';
import { currentLocation } from '../router';
import { useSession, type Role } from '../session';
import { Link } from './link.component';
import { PageHeading } from './page-heading.component';

/** A page for some roles only: anyone else is asked to sign in as one of them, and comes back here after. */
export function RequiresRole(props: { roles: Role[]; title: string; children: ComponentChildren }) {
  const { t } = useI18n();
  const signedIn = useSession();
  if (signedIn && props.roles.includes(signedIn.role)) return <>{props.children}</>;
  const here = currentLocation();
  const next = encodeURIComponent(here.pathname + here.search);
  return (
    <section>
      <PageHeading title={props.title} />
      <p>
        {t('signIn.needed', { roles: props.roles.map((role) => t(`role.${role}`)).join(', ') })}{' '}
        <Link href={`/sign-in?next=${next}`}>{t('signIn.link')}</Link>
      </p>
    </section>
  );
}

/**
 * A page for `roles` only, as the router shows it: titled by its words `title` until one of them signs in, then the
 * page itself with the address's parameters.
 */
export function forRoles<P extends object>(roles: Role[], title: string, Page: FunctionComponent<P>) {
  return function RoleOnlyPage(props: P) {
    const { t } = useI18n();
    return (
      <RequiresRole roles={roles} title={t(title)}>
        <Page {...props} />
      </RequiresRole>
    );
  };
}
